package com.virtdevice.drills.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A dashboard browser that stops reading: a WebSocket on a plain socket with a tiny
 * receive buffer, which connects, subscribes and then reads nothing, so the server's send
 * backlog for it grows.
 */
public final class StuckBrowser implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final DataInputStream in;

	private StuckBrowser(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = new DataInputStream(socket.getInputStream());
	}

	/** Connects to dashboard-ws, authenticates, subscribes, and stops reading. */
	public static StuckBrowser subscribe(int port, String token) {
		try {
			Socket socket = new Socket();
			socket.setReceiveBufferSize(4096);
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(15000);
			StuckBrowser browser = new StuckBrowser(socket);
			browser.handshake(port);
			browser.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer "
					+ token + "\n\n\0");
			String connected = browser.readFrameText();
			if (!connected.startsWith("CONNECTED")) {
				throw new IllegalStateException("STOMP CONNECT refused: " + connected);
			}
			browser.sendText("SUBSCRIBE\nid:stuck\ndestination:/user/queue/device-updates\n\n\0");
			return browser;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts reading again and discards everything until the server closes the
	 * connection; false if it stays open for 15 s.
	 */
	public boolean drainUntilClosed() {
		byte[] buffer = new byte[64 * 1024];
		try {
			InputStream raw = this.socket.getInputStream();
			while (raw.read(buffer) >= 0) {
				// discard
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void handshake(int port) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
				+ "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			head.append((char) this.in.readUnsignedByte());
		}
		if (!head.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("WebSocket handshake refused: " + head);
		}
	}

	private void sendText(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	private String readFrameText() throws IOException {
		this.in.readUnsignedByte();
		long length = this.in.readUnsignedByte() & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new String(payload, StandardCharsets.UTF_8);
	}

}
