/** Signed inbound webhooks as a change source (docs/contract.md §4.3). */
@NullMarked
package com.virtdevice.publisher.webhook;

import org.jspecify.annotations.NullMarked;
