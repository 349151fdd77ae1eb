package com.virtdevice.testsupport;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for the test servers' users. */
public final class TestSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestSecrets() {
	}

	/** 24 random bytes, URL-safe base64 without padding (fits a URL and an ACL file). */
	public static String random() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
