/**
 * {@code ./run-local}: the whole hub on one machine for a first look and for end-to-end
 * tests — embedded real Redis and PostgreSQL (or the servers named by {@code REDIS_URL}
 * and {@code SPRING_DATASOURCE_URL}), the five services run from their jars, and a
 * {@link com.virtdevice.localstack.Sandbox} that stands in for the Alexa Event Gateway,
 * Login with Amazon and IFTTT and records what would have been sent.
 */
@NullMarked
package com.virtdevice.localstack;

import org.jspecify.annotations.NullMarked;
