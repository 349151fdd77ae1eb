/**
 * The current state of linked users' devices, kept from events, with the publisher's
 * device API as the fallback on a miss.
 */
@NullMarked
package com.virtdevice.alexa.state;

import org.jspecify.annotations.NullMarked;
