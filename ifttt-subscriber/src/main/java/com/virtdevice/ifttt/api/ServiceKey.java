package com.virtdevice.ifttt.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.virtdevice.ifttt.IftttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks the {@code IFTTT-Service-Key} header IFTTT sends, in constant time. Without a
 * configured key nothing matches, so the key-protected endpoints stay closed.
 */
@Component
class ServiceKey {

	private final byte @Nullable [] expected;

	ServiceKey(IftttProperties properties) {
		String key = properties.serviceKey();
		this.expected = (key != null && !key.isBlank()) ? key.getBytes(StandardCharsets.UTF_8) : null;
	}

	boolean matches(@Nullable String presented) {
		return this.expected != null && presented != null
				&& MessageDigest.isEqual(this.expected, presented.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws InvalidServiceKey unless the presented key is the configured one
	 */
	void require(@Nullable String presented) {
		if (!matches(presented)) {
			throw new InvalidServiceKey();
		}
	}

	@Override
	public String toString() {
		return "ServiceKey[" + ((this.expected != null) ? "(set)" : "(none)") + "]";
	}

}
