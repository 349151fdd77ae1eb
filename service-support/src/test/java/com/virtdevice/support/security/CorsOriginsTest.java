package com.virtdevice.support.security;

import java.util.List;

import com.virtdevice.support.web.HubWebProperties;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code virtdevice.web.cors-allowed-origins}: exact origins and patterns. */
class CorsOriginsTest {

	@Test
	void aPatternAllowsTheDashboardUnderAnyHostNameButNoOtherPort() {
		CorsConfiguration cors = corsFor("http://*:8084");

		assertThat(cors.checkOrigin("http://localhost:8084")).isEqualTo("http://localhost:8084");
		assertThat(cors.checkOrigin("http://127.0.0.1:8084")).isEqualTo("http://127.0.0.1:8084");
		assertThat(cors.checkOrigin("http://hub.lan:8084")).isEqualTo("http://hub.lan:8084");
		assertThat(cors.checkOrigin("http://localhost:9999")).isNull();
		assertThat(cors.checkOrigin("https://localhost:8084")).isNull();
	}

	@Test
	void anExactOriginAllowsOnlyItself() {
		CorsConfiguration cors = corsFor("https://dashboard.example.com");

		assertThat(cors.checkOrigin("https://dashboard.example.com")).isEqualTo("https://dashboard.example.com");
		assertThat(cors.checkOrigin("https://evil.example.com")).isNull();
		assertThat(cors.checkOrigin("http://dashboard.example.com")).isNull();
	}

	private static CorsConfiguration corsFor(String origins) {
		CorsConfigurationSource source = new HubSecurityAutoConfiguration()
			.corsConfigurationSource(new HubWebProperties(DataSize.ofKilobytes(64), List.of(origins.split(","))));
		CorsConfiguration cors = source.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/devices"));
		assertThat(cors).isNotNull();
		return cors;
	}

}
