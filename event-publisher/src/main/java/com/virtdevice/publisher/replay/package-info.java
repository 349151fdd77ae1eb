/**
 * The replay API: published events after a sequence, and their retention
 * (docs/contract.md §4.4).
 */
@NullMarked
package com.virtdevice.publisher.replay;

import org.jspecify.annotations.NullMarked;
