/**
 * What every hub service shares, wired by Spring Boot auto-configuration: JWT security
 * ({@code security}), RFC 9457 error responses ({@code web}), the one Redis event
 * subscription per service with gap recovery through the replay API ({@code events}), and
 * defaults for health, metrics and shutdown.
 */
@NullMarked
package com.virtdevice.support;

import org.jspecify.annotations.NullMarked;
