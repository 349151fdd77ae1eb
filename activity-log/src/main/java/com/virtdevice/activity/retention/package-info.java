/** Retention: rows older than the configured age are purged in bounded batches. */
@NullMarked
package com.virtdevice.activity.retention;

import org.jspecify.annotations.NullMarked;
