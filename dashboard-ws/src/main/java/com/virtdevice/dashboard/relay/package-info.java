/**
 * The relay: STOMP over WebSocket at {@code /ws}, authenticated per connection with the
 * hub's JWTs, fed by the service's one Redis subscription to {@code user:*:events} and
 * routed to the subscriptions of each event's user, with gap-free resume from the
 * publisher's replay API.
 */
@NullMarked
package com.virtdevice.dashboard.relay;

import org.jspecify.annotations.NullMarked;
