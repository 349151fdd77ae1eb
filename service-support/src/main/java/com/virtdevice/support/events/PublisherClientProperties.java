package com.virtdevice.support.events;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service finds the event-publisher.
 *
 * @param url the publisher's base URL (replay API, device API)
 * @param token a fixed service token with scope {@code events:replay}, which cannot
 * renew; prefer the OAuth 2.0 client registration {@code virtdevice}, or leave both unset
 * so that the service signs its own with {@code VIRTDEVICE_JWT_SECRET}
 */
@ConfigurationProperties("virtdevice.publisher")
public record PublisherClientProperties(@DefaultValue("http://localhost:8081") String url, @Nullable String token) {

	@Override
	public String toString() {
		return "PublisherClientProperties[url=" + this.url + ", token=" + ((this.token != null) ? "(set)" : "(none)")
				+ "]";
	}

}
