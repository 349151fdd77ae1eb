/**
 * The service's own store of recent property changes, fed by the hub's event stream:
 * bounded per user, deduplicated by {@code eventId}, complete after downtime.
 */
@NullMarked
package com.virtdevice.ifttt.history;

import org.jspecify.annotations.NullMarked;
