/**
 * The {@code trigger_identity} values IFTTT polls with, remembered with their user and
 * trigger fields so that notifications can name exactly the applets an event concerns.
 */
@NullMarked
package com.virtdevice.ifttt.identity;

import org.jspecify.annotations.NullMarked;
