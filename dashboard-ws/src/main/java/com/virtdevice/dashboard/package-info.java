/**
 * dashboard-ws: live device updates for browsers ({@code relay}), the dashboard page
 * ({@code page}) and the local-only sign-in ({@code devsignin}).
 */
@NullMarked
package com.virtdevice.dashboard;

import org.jspecify.annotations.NullMarked;
