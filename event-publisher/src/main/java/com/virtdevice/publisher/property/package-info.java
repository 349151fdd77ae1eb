/**
 * Property changes: PUT one, PATCH several atomically, Idempotency-Key (docs/contract.md
 * §4.2).
 */
@NullMarked
package com.virtdevice.publisher.property;

import org.jspecify.annotations.NullMarked;
