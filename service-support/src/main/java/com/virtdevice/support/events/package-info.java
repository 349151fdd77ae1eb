/**
 * Receiving hub events: one Redis pattern subscription per service instance, decoded with
 * {@code common-events}, handed from the Redis listener thread to one dispatcher thread
 * that delivers them to the service's
 * {@link com.virtdevice.support.events.HubEventListener} in {@code sequence} order, once
 * each, filling gaps from the publisher's replay API.
 */
@NullMarked
package com.virtdevice.support.events;

import org.jspecify.annotations.NullMarked;
