package com.virtdevice.publisher.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.publisher.PublisherProperties;
import com.virtdevice.publisher.device.DeviceNotFound;
import com.virtdevice.publisher.device.Devices;
import com.virtdevice.publisher.device.InvalidDeviceRequest;
import com.virtdevice.publisher.device.PropertyRules;
import com.virtdevice.publisher.property.PropertyChanged;
import com.virtdevice.publisher.property.PropertyChanges;
import com.virtdevice.publisher.property.PropertyChanges.IdempotencyKey;
import com.virtdevice.publisher.property.PropertyChanges.Outcome;
import com.virtdevice.publisher.webhook.WebhookSignatures.Signature;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Inbound webhook calls (docs/contract.md §4.3): {@code POST /hooks/{id}} with
 * {@code {"property","value"}}, signed with the webhook's secret over the time, the
 * delivery id and the body ({@link WebhookSignatures}). Same effect as a PUT with source
 * {@code api}. A call signed outside the tolerance window is refused, so a captured call
 * cannot be replayed later; within it, the delivery id is the idempotency key: the same
 * delivery again returns the first outcome and changes nothing, while a new delivery with
 * the same body (ON, OFF, ON) is a new change.
 */
@RestController
class HookController {

	private final Webhooks webhooks;

	private final Devices devices;

	private final PropertyChanges changes;

	private final JsonMapper json;

	private final Duration tolerance;

	HookController(Webhooks webhooks, Devices devices, PropertyChanges changes, JsonMapper json,
			PublisherProperties properties) {
		this.webhooks = webhooks;
		this.devices = devices;
		this.changes = changes;
		this.json = json;
		this.tolerance = properties.webhook().tolerance();
	}

	@PostMapping(path = "/hooks/{webhookId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PropertyChanged> receive(@PathVariable String webhookId, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = WebhookSignatures.HEADER, required = false) @Nullable String signatureHeader,
			@RequestHeader(name = WebhookSignatures.DELIVERY_HEADER, required = false) @Nullable String deliveryId) {
		byte[] raw = (body != null) ? body : new byte[0];
		Signature signature = WebhookSignatures.parse(signatureHeader);
		if (deliveryId == null || !WebhookSignatures.DELIVERY_ID.matcher(deliveryId).matches()) {
			throw InvalidSignature.missingDeliveryId();
		}
		Webhook webhook = this.webhooks.find(webhookId)
			.filter((hook) -> signature.isValid(hook.secret(), deliveryId, raw))
			.orElseThrow(InvalidSignature::mismatch);
		long skew = Instant.now().getEpochSecond() - signature.timestamp();
		if (Math.abs(skew) > this.tolerance.toSeconds()) {
			throw InvalidSignature.outsideWindow(skew, this.tolerance.toSeconds());
		}
		HookCall call = parse(raw);
		PropertyRules.checkName(call.property());
		PropertyRules.checkValue(call.property(), call.value());
		Outcome outcome = this.changes.apply(
				this.devices.find(webhook.deviceId()).orElseThrow(() -> new DeviceNotFound(webhook.deviceId())),
				Map.of(call.property(), call.value()), ChangeSource.API,
				new IdempotencyKey("hook:" + webhook.id(), deliveryId));
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (outcome.replayed()) {
			response.header("Idempotent-Replayed", "true");
		}
		return response.body(outcome.changes().results().get(0));
	}

	private HookCall parse(byte[] body) {
		try {
			HookCall call = this.json.readValue(body, HookCall.class);
			if (call == null) {
				throw new InvalidDeviceRequest("The body must be {\"property\": \"…\", \"value\": \"…\"}");
			}
			return call;
		}
		catch (JacksonException ex) {
			throw new InvalidDeviceRequest("The body must be {\"property\": \"…\", \"value\": \"…\"}");
		}
	}

	/**
	 * @param property the property to set
	 * @param value its new value
	 */
	record HookCall(@Nullable String property, @Nullable String value) {
	}

}
