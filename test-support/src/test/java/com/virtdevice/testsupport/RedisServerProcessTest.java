package com.virtdevice.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

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
			assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
		}
	}

	private static boolean accepts(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return socket.isConnected();
		}
	}

}
