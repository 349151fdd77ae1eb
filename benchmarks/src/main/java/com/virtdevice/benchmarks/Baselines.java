package com.virtdevice.benchmarks;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.postgresql.PGConnection;

/**
 * What Redis and PostgreSQL do on their own on this machine, in this run: the
 * denominators of every ratio.
 */
final class Baselines {

	private final Database database;

	private final String redisUrl;

	Baselines(Database database, String redisUrl) {
		this.database = database;
		this.redisUrl = redisUrl;
	}

	/**
	 * PUBLISH of a 300-byte payload from many connections, each waiting for its reply,
	 * with one pattern subscriber receiving everything.
	 * @return publishes per second
	 */
	double redisPublish(int connections, Duration duration, Results results) throws Exception {
		RedisClient client = RedisClient.create(this.redisUrl);
		LongAdder received = new LongAdder();
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
		subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				received.increment();
			}
		});
		subscriber.sync().psubscribe("bench:*:state".getBytes(StandardCharsets.UTF_8));
		byte[] payload = new byte[300];
		Arrays.fill(payload, (byte) 'x');
		List<StatefulRedisConnection<byte[], byte[]>> publishers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			publishers.add(client.connect(ByteArrayCodec.INSTANCE));
		}
		LongAdder published = new LongAdder();
		long seconds = runThreads(connections, duration, (index, until) -> {
			StatefulRedisConnection<byte[], byte[]> connection = publishers.get(index);
			byte[] channel = ("bench:" + index + ":state").getBytes(StandardCharsets.UTF_8);
			while (System.nanoTime() < until) {
				connection.sync().publish(channel, payload);
				published.increment();
			}
		});
		double rate = published.sum() / (seconds / 1e9);
		publishers.forEach(StatefulRedisConnection::close);
		subscriber.close();
		client.shutdown();
		results.detail("redisPublish", java.util.Map.of("connections", connections, "published", published.sum(),
				"receivedBySubscriber", received.sum()));
		return rate;
	}

	/** Single-row INSERT, one commit each, from {@code clients} connections. */
	double postgresCommits(int clients, Duration duration) throws Exception {
		this.database.execute("CREATE SCHEMA IF NOT EXISTS bench");
		this.database.execute("CREATE TABLE IF NOT EXISTS bench.commits (id bigint GENERATED ALWAYS AS IDENTITY "
				+ "PRIMARY KEY, device_id text NOT NULL, value text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			connections.add(this.database.connect());
		}
		LongAdder commits = new LongAdder();
		long nanos = runThreads(clients, duration, (index, until) -> {
			try (PreparedStatement insert = connections.get(index)
				.prepareStatement("INSERT INTO bench.commits (device_id, value) VALUES (?, ?)")) {
				long n = 0;
				while (System.nanoTime() < until) {
					insert.setString(1, "device-" + index);
					insert.setString(2, Long.toString(n++));
					insert.executeUpdate();
					commits.increment();
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		for (Connection connection : connections) {
			connection.close();
		}
		this.database.execute("TRUNCATE bench.commits");
		return commits.sum() / (nanos / 1e9);
	}

	/**
	 * COPY of audit-shaped rows into a table shaped like {@code activity.activity_log}
	 * (same columns, constraints and indexes).
	 * @return rows per second
	 */
	double postgresCopy(int rows) throws Exception {
		this.database.execute("CREATE SCHEMA IF NOT EXISTS bench");
		this.database.execute("DROP TABLE IF EXISTS bench.audit_copy");
		this.database.execute("CREATE TABLE bench.audit_copy (LIKE activity.activity_log INCLUDING ALL)");
		int chunk = 10_000;
		long started = System.nanoTime();
		try (Connection connection = this.database.connect()) {
			AtomicLong id = new AtomicLong();
			for (int done = 0; done < rows; done += chunk) {
				StringBuilder csv = new StringBuilder(chunk * 300);
				for (int i = 0; i < Math.min(chunk, rows - done); i++) {
					long n = id.incrementAndGet();
					csv.append(n)
						.append(',')
						.append(UUID.randomUUID())
						.append(',')
						.append(n)
						.append(",bench,bench-u")
						.append(n % 100)
						.append(",bench-d")
						.append(n % 1000)
						.append(",property_changed,web,")
						.append("\"{\"\"property\"\":\"\"brightness\"\",\"\"oldValue\"\":\"\"")
						.append(n % 100)
						.append("\"\",\"\"newValue\"\":\"\"")
						.append((n + 1) % 100)
						.append("\"\"}\",2026-11-28T03:00:00.000Z,2026-11-28T03:00:00.001Z\n");
				}
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY bench.audit_copy FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
			}
		}
		double rate = rows / ((System.nanoTime() - started) / 1e9);
		this.database.execute("DROP TABLE bench.audit_copy");
		return rate;
	}

	void dropSchema() {
		this.database.execute("DROP SCHEMA IF EXISTS bench CASCADE");
	}

	/**
	 * Runs the body on that many threads until the deadline; returns the nanoseconds
	 * taken.
	 */
	static long runThreads(int threads, Duration duration, Body body) throws InterruptedException {
		long started = System.nanoTime();
		long until = started + duration.toNanos();
		List<Thread> running = new ArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (int i = 0; i < threads; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				try {
					body.run(index, until);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}, "bench-" + i);
			thread.start();
			running.add(thread);
		}
		for (Thread thread : running) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("a load thread failed", failures.get(0));
		}
		return System.nanoTime() - started;
	}

	/** What each load thread does until the deadline. */
	interface Body {

		void run(int index, long until) throws Exception;

	}

}
