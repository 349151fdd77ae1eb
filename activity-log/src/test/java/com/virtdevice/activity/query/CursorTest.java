package com.virtdevice.activity.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorTest {

	@Test
	void readsBackWhatItWrote() {
		Cursor cursor = new Cursor(Instant.parse("2026-11-27T12:00:00.123456Z"), 4_200_000_001L);

		String encoded = cursor.encode();

		assertThat(encoded).matches("[A-Za-z0-9_-]+");
		assertThat(Cursor.decode(encoded)).isEqualTo(cursor);
	}

	@Test
	void keepsInstantsBeforeTheEpoch() {
		Cursor cursor = new Cursor(Instant.parse("1969-12-31T23:59:59.999Z"), 1);

		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not a cursor", "%%%" })
	void refusesWhatIsNotBase64OfACursor(String cursor) {
		assertThatExceptionOfType(InvalidActivityQuery.class).isThrownBy(() -> Cursor.decode(cursor))
			.withMessage("cursor is not a cursor this API issued");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1:1:2", "2:1:2:3", "1:x:1:1", "1:1:1:", "1:9999999999999999999:1:1",
			"1:99999999999999:1:1", "1:1:2000000000:1" })
	void refusesWhatItDidNotIssue(String plain) {
		String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(InvalidActivityQuery.class).isThrownBy(() -> Cursor.decode(cursor))
			.withMessage("cursor is not a cursor this API issued");
	}

}
