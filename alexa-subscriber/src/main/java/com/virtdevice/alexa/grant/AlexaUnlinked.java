package com.virtdevice.alexa.grant;

/**
 * A user's grant was given up: by the user, or because Amazon said it is gone.
 *
 * @param userId the user
 * @param reason why
 */
public record AlexaUnlinked(String userId, String reason) {

}
