package com.virtdevice.publisher.webhook;

import java.util.Map;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.publisher.device.DeviceNotFound;
import com.virtdevice.publisher.device.Devices;
import com.virtdevice.publisher.device.InvalidDeviceRequest;
import com.virtdevice.publisher.device.PropertyRules;
import com.virtdevice.publisher.property.PropertyChanged;
import com.virtdevice.publisher.property.PropertyChanges;
import com.virtdevice.publisher.property.PropertyChanges.IdempotencyKey;
import com.virtdevice.publisher.property.PropertyChanges.Outcome;
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
 * Inbound webhook calls (SPEC §4.3): {@code POST /hooks/{id}} with
 * {@code {"property","value"}}, signed with the webhook's secret. Same effect as a PUT
 * with source {@code api}. The signature also serves as the idempotency key: a captured
 * request sent again (a replay) returns the first outcome and changes nothing, so a
 * sender that means to repeat a change includes something unique (a delivery id, a
 * timestamp) in the body.
 */
@RestController
class HookController {

	private final Webhooks webhooks;

	private final Devices devices;

	private final PropertyChanges changes;

	private final JsonMapper json;

	HookController(Webhooks webhooks, Devices devices, PropertyChanges changes, JsonMapper json) {
		this.webhooks = webhooks;
		this.devices = devices;
		this.changes = changes;
		this.json = json;
	}

	@PostMapping(path = "/hooks/{webhookId}", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PropertyChanged> receive(@PathVariable String webhookId, @RequestBody(required = false) byte[] body,
			@RequestHeader(name = WebhookSignatures.HEADER, required = false) @Nullable String signature) {
		byte[] raw = (body != null) ? body : new byte[0];
		Webhook webhook = this.webhooks.find(webhookId)
			.filter((hook) -> WebhookSignatures.isValid(hook.secret(), raw, signature))
			.orElseThrow(InvalidSignature::new);
		HookCall call = parse(raw);
		PropertyRules.checkName(call.property());
		PropertyRules.checkValue(call.property(), call.value());
		Outcome outcome = this.changes.apply(
				this.devices.find(webhook.deviceId()).orElseThrow(() -> new DeviceNotFound(webhook.deviceId())),
				Map.of(call.property(), call.value()), ChangeSource.API,
				new IdempotencyKey("hook:" + webhook.id(), signature.toLowerCase(java.util.Locale.ROOT)));
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
