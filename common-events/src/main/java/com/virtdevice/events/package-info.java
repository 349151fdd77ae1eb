/**
 * The hub's shared event model: {@link com.virtdevice.events.DeviceStateEvent}, the Redis
 * channel names in {@link com.virtdevice.events.Channels} and the JSON wire format in
 * {@link com.virtdevice.events.EventCodec}. Plain Java and Jackson, so any service (or
 * tool) can use it without Spring.
 */
@NullMarked
package com.virtdevice.events;

import org.jspecify.annotations.NullMarked;
