/**
 * Encryption of secrets at rest.
 */
@NullMarked
package com.virtdevice.support.crypto;

import org.jspecify.annotations.NullMarked;
