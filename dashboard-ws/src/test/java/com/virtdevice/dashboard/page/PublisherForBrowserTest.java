package com.virtdevice.dashboard.page;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherForBrowserTest {

	@Test
	void aPublisherOnTheDashboardsMachineIsCalledUnderThePagesHostName() {
		PublisherForBrowser publisher = new PublisherForBrowser(URI.create("http://localhost:8081/"));

		assertThat(publisher.baseUrl(pageOpenedAt("127.0.0.1"))).isEqualTo("http://127.0.0.1:8081");
		assertThat(publisher.baseUrl(pageOpenedAt("hub.lan"))).isEqualTo("http://hub.lan:8081");
		assertThat(publisher.baseUrl(pageOpenedAt("::1"))).isEqualTo("http://[::1]:8081");
		assertThat(publisher.origin(pageOpenedAt("127.0.0.1"))).isEqualTo("http://127.0.0.1:8081");
		assertThat(new PublisherForBrowser(URI.create("http://127.0.0.1:8081")).baseUrl(pageOpenedAt("localhost")))
			.isEqualTo("http://localhost:8081");
	}

	@Test
	void aPublisherElsewhereIsCalledAsConfigured() {
		PublisherForBrowser publisher = new PublisherForBrowser(URI.create("https://api.example.com/hub"));

		assertThat(publisher.baseUrl(pageOpenedAt("dashboard.example.com"))).isEqualTo("https://api.example.com/hub");
		assertThat(publisher.origin(pageOpenedAt("dashboard.example.com"))).isEqualTo("https://api.example.com");
	}

	@Test
	void aHostNameThatIsNotOneIsIgnored() {
		PublisherForBrowser publisher = new PublisherForBrowser(URI.create("http://localhost:8081"));

		assertThat(publisher.baseUrl(pageOpenedAt("evil.example/x?"))).isEqualTo("http://localhost:8081");
		assertThat(publisher.baseUrl(pageOpenedAt("a b"))).isEqualTo("http://localhost:8081");
	}

	private static MockHttpServletRequest pageOpenedAt(String host) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dashboard/config");
		request.setServerName(host);
		return request;
	}

}
