/**
 * event-publisher (docs/contract.md §4): the device registry and property-change API,
 * inbound webhooks, the PostgreSQL outbox with its trigger
 * {@code notify_property_change()}, the relay that publishes every recorded change to
 * Redis exactly once and in order, and the replay API.
 */
@NullMarked
package com.virtdevice.publisher;

import org.jspecify.annotations.NullMarked;
