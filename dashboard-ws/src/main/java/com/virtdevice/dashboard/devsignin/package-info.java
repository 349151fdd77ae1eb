/**
 * The local stack's sign-in: mints a token for a chosen user, only with the explicit
 * {@code local} profile and never together with a production profile.
 */
@NullMarked
package com.virtdevice.dashboard.devsignin;

import org.jspecify.annotations.NullMarked;
