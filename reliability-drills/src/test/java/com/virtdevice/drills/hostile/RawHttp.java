package com.virtdevice.drills.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, so a test can send what no
 * well-behaved client would: invalid UTF-8 in the request line, headers any client
 * library refuses, bodies that lie about their length.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 15_000;

	private RawHttp() {
	}

	/** Sends the request bytes as they are and reads the answer. */
	static Answer send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before reading everything (413, 400).
			}
			boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
				.equals("HEAD ");
			return read(socket.getInputStream(), head);
		}
		catch (SocketTimeoutException ex) {
			return Answer.none("timeout");
		}
		catch (IOException ex) {
			return Answer.none(ex.getClass().getSimpleName());
		}
	}

	/** A request from its parts; the body's length is set unless a header gives one. */
	static byte[] request(String method, byte[] target, Map<String, String> headers, byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
		out.write(' ');
		out.writeBytes(target);
		out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
		Map<String, String> all = new LinkedHashMap<>();
		all.put("Host", "localhost");
		all.put("Connection", "close");
		all.putAll(headers);
		boolean lengthGiven = all.keySet()
			.stream()
			.anyMatch((name) -> name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding"));
		if (!lengthGiven && (body.length > 0 || !method.equals("GET"))) {
			all.put("Content-Length", String.valueOf(body.length));
		}
		all.forEach((name, value) -> {
			if (value != null) {
				out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
		});
		out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(body);
		return out.toByteArray();
	}

	private static Answer read(InputStream in, boolean head) throws IOException {
		String statusLine = line(in);
		if (statusLine == null || !statusLine.startsWith("HTTP/")) {
			return Answer.none((statusLine == null) ? "closed without an answer" : "not HTTP: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			if (colon > 0) {
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
		}
		byte[] body;
		if (head || status == 204 || status == 304) {
			body = new byte[0];
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = chunked(in);
		}
		else if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else {
			body = in.readAllBytes();
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), null);
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String size = line(in); size != null; size = line(in)) {
			int length = Integer.parseInt(size.split(";")[0].trim(), 16);
			if (length == 0) {
				break;
			}
			body.writeBytes(in.readNBytes(length));
			line(in);
		}
		return body.toByteArray();
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
	}

	/**
	 * An answer, or why there was none ({@code status} 0).
	 *
	 * @param status the HTTP status, 0 without an answer
	 * @param headers lower-case names
	 * @param body the body as text
	 * @param failure why there was no answer
	 */
	record Answer(int status, Map<String, String> headers, String body, String failure) {

		static Answer none(String why) {
			return new Answer(0, Map.of(), "", why);
		}

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
