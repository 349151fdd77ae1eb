package com.virtdevice.alexa.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's place in the publisher's event stream ({@code alexa.stream_position}):
 * the watermark of {@link InFlightEvents}, written every {@code position-flush-interval}
 * when it moved, and at shutdown.
 */
final class StreamPosition {

	private static final Logger log = LoggerFactory.getLogger(StreamPosition.class);

	private final JdbcClient jdbc;

	private final InFlightEvents inFlight;

	private final Clock clock;

	private final AtomicLong written = new AtomicLong(-1);

	StreamPosition(JdbcClient jdbc, InFlightEvents inFlight, Clock clock) {
		this.jdbc = jdbc;
		this.inFlight = inFlight;
		this.clock = clock;
	}

	/** The stored position; empty on the very first start (begin with live events). */
	OptionalLong load() {
		OptionalLong stored = this.jdbc.sql("select sequence from stream_position where id = 1")
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
		long start = stored.orElse(-1);
		this.inFlight.reset(start);
		this.written.set(start);
		return stored;
	}

	/** A first start at the given sequence: stored at once. */
	void startAt(long sequence) {
		this.inFlight.reset(sequence);
		flush();
	}

	/** Writes the watermark if it moved. */
	void flush() {
		long watermark = this.inFlight.watermark();
		if (watermark < 0 || watermark == this.written.get()) {
			return;
		}
		try {
			this.jdbc.sql("""
					insert into stream_position (id, sequence, updated_at) values (1, :sequence, :now)
					on conflict (id) do update set sequence = excluded.sequence, updated_at = excluded.updated_at""")
				.param("sequence", watermark)
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			this.written.set(watermark);
		}
		catch (RuntimeException ex) {
			log.warn("Could not store the stream position {}: {}", watermark, ex.getMessage());
		}
	}

	long written() {
		return this.written.get();
	}

}
