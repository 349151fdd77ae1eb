/**
 * The local stack's sign-in: mints a token for a chosen user, only with the explicit
 * setting {@code virtdevice.security.jwt.dev-sign-in.enabled=true} and never with a
 * production profile or a JWK set.
 */
@NullMarked
package com.virtdevice.dashboard.devsignin;

import org.jspecify.annotations.NullMarked;
