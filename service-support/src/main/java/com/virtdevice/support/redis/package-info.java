/**
 * Redis access: the start-up check of this service's Redis permissions and its health.
 */
@NullMarked
package com.virtdevice.support.redis;

import org.jspecify.annotations.NullMarked;
