/**
 * The operators' query API, {@code GET /api/activity}: filters, newest first, keyset
 * pagination with an opaque cursor, tenant isolation.
 */
@NullMarked
package com.virtdevice.activity.query;

import org.jspecify.annotations.NullMarked;
