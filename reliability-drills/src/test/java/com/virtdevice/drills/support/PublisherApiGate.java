package com.virtdevice.drills.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP relay between the consumers and the publisher's HTTP API (replay, device names),
 * which a drill can close: {@link #close()} refuses new connections and cuts the open
 * ones, as a publisher API that is down or unreachable would, while the publisher itself
 * keeps committing and publishing; {@link #open()} lets them through again. Until the
 * publisher's port is known ({@link #forwardTo}) connections are cut at once too.
 */
public final class PublisherApiGate implements AutoCloseable {

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile int target = -1;

	private volatile boolean passing = true;

	private volatile boolean stopped;

	private final ServerSocket server;

	private PublisherApiGate() {
		try {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			this.port = this.server.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "publisher-api-gate");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static PublisherApiGate start() {
		return new PublisherApiGate();
	}

	/** The URL the consumers use as the publisher's. */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	public void forwardTo(int publisherPort) {
		this.target = publisherPort;
	}

	/** Cuts every open connection and refuses new ones, until {@link #open()}. */
	public void shut() {
		this.passing = false;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	public void open() {
		this.passing = true;
	}

	@Override
	public void close() {
		this.stopped = true;
		closeQuietly(this.server);
		shut();
	}

	private void accept() {
		while (!this.stopped) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			int to = this.target;
			if (!this.passing || to < 0) {
				closeQuietly(client);
				continue;
			}
			try {
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), to);
				this.open.add(client);
				this.open.add(upstream);
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the other side, or the gate, closed the connection
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "publisher-api-gate-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		if (closeable instanceof Socket socket) {
			this.open.remove(socket);
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
