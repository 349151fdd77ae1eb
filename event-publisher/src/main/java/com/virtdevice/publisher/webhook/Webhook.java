package com.virtdevice.publisher.webhook;

/**
 * A registered inbound webhook of a device.
 *
 * @param id the webhook id, part of its URL
 * @param deviceId the device it changes
 * @param secret the HMAC-SHA256 key its calls are signed with
 */
record Webhook(String id, String deviceId, String secret) {

	@Override
	public String toString() {
		return "Webhook[id=" + this.id + ", deviceId=" + this.deviceId + "]";
	}

}
