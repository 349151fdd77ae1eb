/**
 * RFC 9457 problem responses for every error a hub service returns, and the request-size
 * limit (413).
 */
@NullMarked
package com.virtdevice.support.web;

import org.jspecify.annotations.NullMarked;
