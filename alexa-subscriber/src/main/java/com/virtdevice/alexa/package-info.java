/**
 * alexa-subscriber: Alexa grants ({@code grant}), the mapping of VirtDevice properties to
 * Alexa state ({@code report}), the per-device state snapshot ({@code state}) and the
 * delivery of ChangeReports to the Event Gateway ({@code delivery}).
 */
@NullMarked
package com.virtdevice.alexa;

import org.jspecify.annotations.NullMarked;
