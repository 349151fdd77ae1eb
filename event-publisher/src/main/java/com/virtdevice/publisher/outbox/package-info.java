/**
 * The transactional outbox and its relay (docs/contract.md §4.4): recorded events get
 * their {@code sequence} and are published to Redis, one relay at a time, in commit order
 * per device, exactly once.
 */
@NullMarked
package com.virtdevice.publisher.outbox;

import org.jspecify.annotations.NullMarked;
