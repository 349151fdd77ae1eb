/**
 * Lifecycle of the hub's background threads.
 */
@NullMarked
package com.virtdevice.support.lifecycle;

import org.jspecify.annotations.NullMarked;
