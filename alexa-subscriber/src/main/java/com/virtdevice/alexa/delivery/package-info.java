/**
 * From event to Event Gateway: per-device lanes, coalescing, sending with the gateway's
 * failure rules, retries, dead letters, delivery records and the stream position.
 */
@NullMarked
package com.virtdevice.alexa.delivery;

import org.jspecify.annotations.NullMarked;
