package com.virtdevice.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection for one load-driver thread: a request is written in
 * one go and its answer read on the same thread, with no executor, no futures and no
 * per-request objects beyond the bytes. The load driver shares the cores with the hub, so
 * what it spends per request is taken from the hub; with the JDK's {@code HttpClient} the
 * driver used 0.5–1 ms of CPU per PUT. Reconnects when the server closes the connection
 * (Tomcat does after 100 requests).
 */
final class LeanHttp implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final String host;

	private final int port;

	private final String hostHeader;

	private @Nullable Socket socket;

	private @Nullable OutputStream out;

	private @Nullable InputStream in;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);

	private final StringBuilder line = new StringBuilder(128);

	LeanHttp(String baseUrl) {
		URI uri = URI.create(baseUrl);
		this.host = uri.getHost();
		this.port = uri.getPort();
		this.hostHeader = this.host + ":" + this.port;
	}

	/**
	 * Sends one request; retried once on a fresh connection if the old one was closed.
	 */
	Answer send(String method, String path, @Nullable String bearer, @Nullable String json) {
		byte[] request = request(method, path, bearer, json);
		try {
			return exchange(request);
		}
		catch (IOException stale) {
			close();
			try {
				return exchange(request);
			}
			catch (IOException ex) {
				close();
				throw new UncheckedIOException(method + " " + path + " failed", ex);
			}
		}
	}

	private byte[] request(String method, String path, @Nullable String bearer, @Nullable String json) {
		byte[] content = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.hostHeader)
			.append("\r\n");
		if (bearer != null) {
			head.append("Authorization: Bearer ").append(bearer).append("\r\n");
		}
		if (json != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
		}
		byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
		byte[] whole = new byte[headBytes.length + content.length];
		System.arraycopy(headBytes, 0, whole, 0, headBytes.length);
		System.arraycopy(content, 0, whole, headBytes.length, content.length);
		return whole;
	}

	private Answer exchange(byte[] request) throws IOException {
		if (this.socket == null) {
			Socket opened = new Socket();
			opened.setTcpNoDelay(true);
			opened.setSoTimeout(TIMEOUT_MILLIS);
			opened.connect(new InetSocketAddress(this.host, this.port), TIMEOUT_MILLIS);
			this.socket = opened;
			this.out = opened.getOutputStream();
			this.in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
		}
		this.out.write(request);
		this.out.flush();
		String status = readLine();
		if (status.length() < 12) {
			throw new IOException("Connection closed before an answer: '" + status + "'");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closes = false;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, Math.max(0, colon)).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.equalsIgnoreCase("chunked");
			}
			else if (name.equalsIgnoreCase("Connection")) {
				closes = value.equalsIgnoreCase("close");
			}
		}
		this.body.reset();
		if (chunked) {
			for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0; size = Long
				.parseLong(readLine().split(";")[0].trim(), 16)) {
				copy(size);
				readLine();
			}
			while (!readLine().isEmpty()) {
				// trailers
			}
		}
		else if (length > 0) {
			copy(length);
		}
		Answer answer = new Answer(code, this.body.toString(StandardCharsets.UTF_8));
		if (closes || (length < 0 && !chunked && code != 204 && code != 304)) {
			close();
		}
		return answer;
	}

	private void copy(long bytes) throws IOException {
		byte[] read = this.in.readNBytes((int) bytes);
		if (read.length < bytes) {
			throw new IOException("Connection closed in the body");
		}
		this.body.writeBytes(read);
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		for (int next = this.in.read(); next != '\n'; next = this.in.read()) {
			if (next < 0) {
				break;
			}
			if (next != '\r') {
				this.line.append((char) next);
			}
		}
		return this.line.toString();
	}

	@Override
	public void close() {
		Socket open = this.socket;
		this.socket = null;
		this.out = null;
		this.in = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// Closing a connection that is being given up.
			}
		}
	}

	/** An answer's status and body. */
	record Answer(int status, String body) {
	}

}
