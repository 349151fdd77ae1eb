/**
 * The dashboard page at {@code /} (static HTML, CSS and JavaScript with the STOMP client
 * from its WebJar), its configuration endpoint and the security headers of both.
 */
@NullMarked
package com.virtdevice.dashboard.page;

import org.jspecify.annotations.NullMarked;
