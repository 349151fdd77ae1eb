/**
 * Notifications to IFTTT's Realtime API: collected over a short window, deduplicated,
 * sent in batches of at most 1000 entries off the event threads, retried when IFTTT is
 * unavailable.
 */
@NullMarked
package com.virtdevice.ifttt.realtime;

import org.jspecify.annotations.NullMarked;
