/** Signed inbound webhooks as a change source (SPEC §4.3). */
@NullMarked
package com.virtdevice.publisher.webhook;

import org.jspecify.annotations.NullMarked;
