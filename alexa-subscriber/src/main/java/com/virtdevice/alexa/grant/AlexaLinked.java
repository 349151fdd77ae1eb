package com.virtdevice.alexa.grant;

/**
 * A user linked (or re-linked) Alexa.
 *
 * @param userId the user
 */
public record AlexaLinked(String userId) {

}
