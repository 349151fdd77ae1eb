/**
 * Alexa grants: the AcceptGrant code exchanged at Login with Amazon, tokens kept
 * encrypted in schema {@code alexa}, refreshed ahead of expiry one at a time per user.
 */
@NullMarked
package com.virtdevice.alexa.grant;

import org.jspecify.annotations.NullMarked;
