/**
 * The endpoints IFTTT calls on the service (base {@code /ifttt/v1}), with IFTTT's own
 * error format and authentication: the user's bearer token or the service key.
 */
@NullMarked
package com.virtdevice.ifttt.api;

import org.jspecify.annotations.NullMarked;
