package com.virtdevice.publisher.webhook;

import java.net.URI;
import java.util.UUID;

import com.virtdevice.publisher.PublisherProperties;
import com.virtdevice.publisher.device.DeviceAccess;
import com.virtdevice.support.security.HubPrincipal;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Registering and removing a device's inbound webhooks (docs/contract.md §4.3). */
@RestController
@RequestMapping(path = "/api/devices/{deviceId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

	private final DeviceAccess access;

	private final Webhooks webhooks;

	private final String publicUrl;

	WebhookController(DeviceAccess access, Webhooks webhooks, PublisherProperties properties) {
		this.access = access;
		this.webhooks = webhooks;
		this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
	}

	/** Creates a webhook; the secret is shown in this response only. */
	@PostMapping
	ResponseEntity<CreatedWebhook> create(HubPrincipal caller, @PathVariable String deviceId) {
		this.access.owned(caller, deviceId);
		Webhook webhook = new Webhook(UUID.randomUUID().toString(), deviceId, WebhookSignatures.newSecret());
		this.webhooks.add(webhook);
		String url = this.publicUrl + "/hooks/" + webhook.id();
		return ResponseEntity.created(URI.create("/api/devices/" + deviceId + "/webhooks/" + webhook.id()))
			.body(new CreatedWebhook(webhook.id(), url, webhook.secret()));
	}

	@DeleteMapping("/{webhookId}")
	ResponseEntity<Void> delete(HubPrincipal caller, @PathVariable String deviceId, @PathVariable String webhookId) {
		this.access.owned(caller, deviceId);
		if (!this.webhooks.remove(deviceId, webhookId)) {
			throw new WebhookNotFound(webhookId);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param id the webhook id
	 * @param url where to POST changes
	 * @param secret the HMAC-SHA256 key to sign them with; shown once
	 */
	record CreatedWebhook(String id, String url, String secret) {

		@Override
		public String toString() {
			return "CreatedWebhook[id=" + this.id + ", url=" + this.url + "]";
		}

	}

}
