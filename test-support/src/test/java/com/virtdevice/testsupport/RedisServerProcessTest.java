package com.virtdevice.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class RedisServerProcessTest {

	@Test
	void stopsAndStartsAgainOnTheSamePort() throws IOException {
		try (RedisServerProcess redis = RedisServerProcess.startOnFreePort()) {
			int port = redis.port();
			assertThat(accepts(port)).isTrue();

			redis.stop();
			assertThat(redis.isRunning()).isFalse();
			assertThatIOException().isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());

			redis.start();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(accepts(port)).isTrue();
			assertThat(redis.url()).startsWith("redis://virtdevice-admin:").endsWith("@127.0.0.1:" + port);
		}
	}

	@Test
	void keepsTheUsersItCreatedAcrossARestart() {
		try (RedisServerProcess redis = RedisServerProcess.startOnFreePort()) {
			String url = redis.urlFor(BusRole.USER_SUBSCRIBER, Channels.namespaced("restart"));

			redis.stop();
			redis.start();

			RedisClient client = RedisClient.create(url);
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				assertThat(connection.sync().aclWhoami()).isEqualTo("vd-restart-user-subscriber");
			}
			finally {
				client.shutdown();
			}
		}
	}

	private static boolean accepts(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return socket.isConnected();
		}
	}

}
