package com.virtdevice.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HubJwtDecodersTest {

	private static final JwtProperties WITH_SECRET = JwtProperties.of(TestTokens.SECRET, null);

	@Test
	void refusesToStartInProductionWithoutASecretOrJwkSet() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException()
			.isThrownBy(() -> HubJwtDecoders.create(JwtProperties.of(null, null), production))
			.withMessageContaining("Refusing to start in a production profile");
	}

	@Test
	void refusesASecretShorterThan32Bytes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> HubJwtDecoders.create(JwtProperties.of("too-short", null), new MockEnvironment()))
			.withMessageContaining("needs at least 32");
	}

	@Test
	void startsOutsideProductionWithARandomKeyThatAcceptsNothing() {
		assertThat(HubJwtDecoders.create(JwtProperties.of(null, null), new MockEnvironment())).isNotNull();
	}

	@Test
	void neverShowsTheSecretInItsDescription() {
		assertThat(JwtProperties.of("a-secret-of-at-least-thirty-two-bytes", null).toString())
			.doesNotContain("a-secret");
	}

	@Test
	void acceptsTheHubsOwnIssuerByDefault() {
		assertThat(decoder(WITH_SECRET).decode(TestTokens.forUser("u", "t").sign()).getSubject()).isEqualTo("u");
	}

	@Test
	void refusesATokenOfAnotherIssuerOrWithoutOne() {
		refuses(WITH_SECRET, TestTokens.forUser("u", "t").issuer("someone-else").sign(), "iss");
		refuses(WITH_SECRET, TestTokens.forUser("u", "t").issuer(null).sign(), "iss");
	}

	@Test
	void acceptsOnlyTheConfiguredIssuers() {
		JwtProperties partner = with(List.of("partner-idp"), List.of(), Duration.ofHours(24), false);

		assertThat(decoder(partner).decode(TestTokens.forUser("u", "t").issuer("partner-idp").sign())).isNotNull();
		refuses(partner, TestTokens.forUser("u", "t").sign(), "iss");
	}

	@Test
	void refusesATokenForAnotherAudienceWhereAudiencesAreConfigured() {
		JwtProperties audiences = with(List.of(), List.of("virtdevice-hub-api"), Duration.ofHours(24), false);

		assertThat(decoder(audiences).decode(TestTokens.forUser("u", "t").audience("virtdevice-hub-api").sign()))
			.isNotNull();
		refuses(audiences, TestTokens.forUser("u", "t").audience("another-api").sign(), "aud");
		refuses(audiences, TestTokens.forUser("u", "t").sign(), "aud");
	}

	@Test
	void refusesATokenThatLivesLongerThanTheMaximumOrHasNoIssuedAt() {
		Instant now = Instant.now();
		refuses(WITH_SECRET,
				TestTokens.forUser("u", "t").issuedAt(now).expiresAt(now.plus(Duration.ofHours(25))).sign(),
				"lives longer");
		refuses(WITH_SECRET, TestTokens.forUser("u", "t").claim("iat", null).sign(), "iat");
		refuses(WITH_SECRET,
				TestTokens.forUser("u", "t")
					.issuedAt(now.plus(Duration.ofHours(1)))
					.expiresAt(now.plus(Duration.ofHours(2)))
					.sign(),
				"iat");
		assertThat(decoder(WITH_SECRET)
			.decode(TestTokens.forUser("u", "t").issuedAt(now).expiresAt(now.plus(Duration.ofHours(23))).sign()))
			.isNotNull();
	}

	@Test
	void refusesLocalSignInTokensWhileTheLocalSignInIsOff() {
		for (String local : TokenIssuers.LOCAL) {
			refuses(WITH_SECRET, TestTokens.forUser("u", "t").issuer(local).sign(), "iss");
		}
	}

	@Test
	void acceptsLocalSignInTokensWhileTheLocalSignInIsOn() {
		JwtProperties local = with(List.of(), List.of(), Duration.ofHours(24), true);
		for (String issuer : TokenIssuers.LOCAL) {
			assertThat(decoder(local).decode(TestTokens.forUser("u", "t").issuer(issuer).sign())).isNotNull();
		}
		assertThat(decoder(local).decode(TestTokens.forUser("u", "t").sign())).isNotNull();
	}

	@Test
	void refusesToListALocalIssuerAsAnAcceptedOne() {
		assertThatIllegalStateException()
			.isThrownBy(() -> decoder(with(List.of(TokenIssuers.DEV_SIGN_IN), List.of(), Duration.ofHours(24), false)))
			.withMessageContaining(DevSignInGuard.ENABLED_PROPERTY);
	}

	@Test
	void refusesAJwkSetWithoutTheIssuerItsTokensCarry() {
		assertThatIllegalStateException().isThrownBy(() -> decoder(JwtProperties.of(null, "http://localhost:1/jwks")))
			.withMessageContaining("virtdevice.security.jwt.issuers");
	}

	@Test
	void refusesTheLocalSignInWithAProductionProfile() {
		JwtProperties local = with(List.of(), List.of(), Duration.ofHours(24), true);
		for (String production : new String[] { "prod", "production" }) {
			MockEnvironment environment = new MockEnvironment();
			environment.setActiveProfiles("local", production);
			assertThatIllegalStateException().isThrownBy(() -> HubJwtDecoders.create(local, environment))
				.withMessageContaining("must never run with a production profile");
		}
	}

	@Test
	void refusesTheLocalSignInWithAJwkIssuer() {
		JwtProperties jwk = new JwtProperties(null, "http://localhost:1/jwks", Duration.ofSeconds(30),
				List.of("https://idp.example"), List.of(), Duration.ofHours(24), new JwtProperties.DevSignIn(true));

		assertThatIllegalStateException().isThrownBy(() -> decoder(jwk)).withMessageContaining("JWK issuer");
	}

	@Test
	void signsServiceTokensItsOwnDecoderAccepts() {
		JwtProperties audiences = with(List.of(), List.of("virtdevice-hub-api"), Duration.ofHours(24), false);
		SignedServiceTokens tokens = new SignedServiceTokens(HubJwtDecoders.secretKey(audiences, new MockEnvironment()),
				"activity-log", audiences.audiences(), Clock.systemUTC());

		assertThat(decoder(audiences).decode(tokens.get().value()).getSubject()).isEqualTo("service-activity-log");
	}

	private static JwtProperties with(List<String> issuers, List<String> audiences, Duration maxLifetime,
			boolean devSignIn) {
		return new JwtProperties(TestTokens.SECRET, null, Duration.ofSeconds(30), issuers, audiences, maxLifetime,
				new JwtProperties.DevSignIn(devSignIn));
	}

	private static JwtDecoder decoder(JwtProperties properties) {
		return HubJwtDecoders.create(properties, new MockEnvironment());
	}

	private static void refuses(JwtProperties properties, String token, String reason) {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder(properties).decode(token))
			.withMessageContaining(reason);
	}

}
