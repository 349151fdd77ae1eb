/**
 * The IFTTT service of the hub: the event history ({@code history}), the trigger
 * identities IFTTT has polled with ({@code identity}), Realtime API notifications
 * ({@code realtime}) and the endpoints IFTTT calls ({@code api}).
 */
@NullMarked
package com.virtdevice.ifttt;

import org.jspecify.annotations.NullMarked;
