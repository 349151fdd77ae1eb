package com.virtdevice.dashboard.page;

import com.virtdevice.dashboard.DashboardProperties;
import com.virtdevice.dashboard.devsignin.DevTokens;
import com.virtdevice.dashboard.relay.StompProtocol;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the page needs to know before signing in: where the publisher's device API is (as
 * the browser that asked sees it, see {@link PublisherForBrowser}), where the STOMP
 * endpoint and destination are, and whether the local dev sign-in is on. Open, and free
 * of secrets.
 */
@RestController
class DashboardConfigController {

	static final String PATH = "/dashboard/config";

	private final PublisherForBrowser publisher;

	private final boolean devSignIn;

	DashboardConfigController(DashboardProperties properties, ObjectProvider<DevTokens> devTokens) {
		this.publisher = new PublisherForBrowser(properties.publisherBrowserUrl());
		this.devSignIn = devTokens.getIfAvailable() != null;
	}

	@GetMapping(PATH)
	@Operation(summary = "What the dashboard page needs before signing in",
			description = "Open. The publisher's URL as the browser sees it, the STOMP endpoint and destination, "
					+ "and whether the local dev sign-in is on.")
	ResponseEntity<DashboardConfig> config(HttpServletRequest request) {
		DashboardConfig config = new DashboardConfig(this.publisher.baseUrl(request), StompProtocol.ENDPOINT,
				StompProtocol.DEVICE_UPDATES, StompProtocol.LAST_SEQUENCE_HEADER, this.devSignIn);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.header(HttpHeaders.VARY, HttpHeaders.HOST)
			.body(config);
	}

	/**
	 * The page's configuration.
	 *
	 * @param publisherUrl the event-publisher's base URL for the browser
	 * @param stompEndpoint the WebSocket path of the STOMP endpoint
	 * @param deviceUpdates the destination to subscribe to
	 * @param lastSequenceHeader the SUBSCRIBE header that resumes after a sequence
	 * @param devSignIn whether {@code POST /dev/sign-in} mints tokens (local stack only)
	 */
	record DashboardConfig(String publisherUrl, String stompEndpoint, String deviceUpdates, String lastSequenceHeader,
			boolean devSignIn) {
	}

}
