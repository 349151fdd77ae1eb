package com.virtdevice.activity.query;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page ended: the sort key ({@code occurredAt}, {@code id}) of its last item. The
 * next page starts strictly after it in newest-first order, so rows added meanwhile never
 * shift a page (keyset pagination). Clients see it as an opaque string.
 *
 * @param occurredAt the last item's {@code occurredAt}
 * @param id the last item's {@code id}
 */
record Cursor(Instant occurredAt, long id) {

	private static final String VERSION = "1";

	static Cursor after(ActivityItem item) {
		return new Cursor(item.occurredAt(), item.id());
	}

	String encode() {
		String plain = VERSION + ":" + this.occurredAt.getEpochSecond() + ":" + this.occurredAt.getNano() + ":"
				+ this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/** Reads a cursor this service issued. */
	static Cursor decode(String cursor) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				throw new InvalidActivityQuery("cursor is not a cursor this API issued");
			}
			long nanos = Long.parseLong(parts[2]);
			Instant occurredAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), nanos);
			if (nanos < 0 || nanos > 999_999_999 || !ActivityFilter.isSearchable(occurredAt)) {
				throw new InvalidActivityQuery("cursor is not a cursor this API issued");
			}
			return new Cursor(occurredAt, Long.parseLong(parts[3]));
		}
		catch (IllegalArgumentException | DateTimeException | ArithmeticException ex) {
			throw new InvalidActivityQuery("cursor is not a cursor this API issued");
		}
	}

}
