package com.virtdevice.localstack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What {@code ./run-local} takes from the environment. */
class StackOptionsTest {

	private static final String SECRET = "a-secret-of-my-own-issuer-32-bytes-long";

	@Test
	void usesTheJwtSecretFromTheEnvironmentWhenGiven() {
		StackOptions options = StackOptions.fromEnvironment(Map.of("VIRTDEVICE_JWT_SECRET", SECRET));

		assertThat(options.jwtSecret()).isEqualTo(SECRET);
		assertThat(
				options.withTuning("event-publisher", new StackOptions.ServiceTuning(List.of(), Map.of())).jwtSecret())
			.isEqualTo(SECRET);
	}

	@Test
	void generatesItsOwnSecretWithoutOne() {
		assertThat(StackOptions.fromEnvironment(Map.of()).jwtSecret()).isNull();
		assertThat(StackOptions.fromEnvironment(Map.of("VIRTDEVICE_JWT_SECRET", " ")).jwtSecret()).isNull();
	}

	@Test
	void refusesASecretTooShortForHs256() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackOptions.fromEnvironment(Map.of("VIRTDEVICE_JWT_SECRET", "short")))
			.withMessage("VIRTDEVICE_JWT_SECRET is 5 bytes; HS256 needs at least 32");
	}

	@Test
	void refusesAJwkSetUriInsteadOfIgnoringIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackOptions
				.fromEnvironment(Map.of("VIRTDEVICE_JWT_JWK_SET_URI", "https://issuer.example/.well-known/jwks.json")))
			.withMessageContaining("VIRTDEVICE_JWT_JWK_SET_URI is not supported by ./run-local")
			.withMessageContaining("VIRTDEVICE_JWT_SECRET");
	}

}
