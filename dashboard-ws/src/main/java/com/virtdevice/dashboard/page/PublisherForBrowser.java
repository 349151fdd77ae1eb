package com.virtdevice.dashboard.page;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The publisher's base URL as the page that asked should call it. A loopback host in
 * {@code publisher-browser-url} ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) means
 * "the machine the dashboard runs on": the browser reached that machine under the host
 * name it opened the page with, so the page gets that name (a page opened at
 * {@code http://127.0.0.1:8084/} calls {@code http://127.0.0.1:8081}, not
 * {@code localhost}). Any other host is used as configured.
 */
final class PublisherForBrowser {

	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

	private final URI configured;

	private final boolean onThisMachine;

	PublisherForBrowser(URI configured) {
		this.configured = configured;
		this.onThisMachine = isLoopback(configured.getHost());
	}

	/** The base URL, without a trailing slash, for the page this request is from. */
	String baseUrl(HttpServletRequest request) {
		URI url = this.configured;
		String serverName = request.getServerName();
		if (this.onThisMachine && serverName != null && HOST_NAME.matcher(serverName).matches()) {
			url = UriComponentsBuilder.fromUri(url).host(hostForUri(serverName)).build(true).toUri();
		}
		return url.toString().replaceAll("/+$", "");
	}

	/**
	 * {@code scheme://host[:port]} of {@link #baseUrl}, as CSP source expressions want
	 * it.
	 */
	String origin(HttpServletRequest request) {
		URI url = URI.create(baseUrl(request));
		return url.getScheme() + "://" + url.getRawAuthority();
	}

	private static String hostForUri(String serverName) {
		return (serverName.contains(":") && !serverName.startsWith("[")) ? "[" + serverName + "]" : serverName;
	}

	private static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
