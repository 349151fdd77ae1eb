/**
 * Writing the audit trail: the event listener hands each event to a bounded queue, and
 * one writer thread stores them in batches through JPA, exactly once per {@code eventId}.
 */
@NullMarked
package com.virtdevice.activity.audit;

import org.jspecify.annotations.NullMarked;
