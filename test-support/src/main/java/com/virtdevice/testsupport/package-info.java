/**
 * Real servers for tests. {@link com.virtdevice.testsupport.TestInfrastructure} gives
 * every test JVM one Redis and one PostgreSQL — the servers named by
 * {@code VIRTDEVICE_TEST_REDIS_URL} / {@code VIRTDEVICE_TEST_DATABASE_URL}, or embedded
 * real server binaries — and hands each Spring context its own database and Redis channel
 * namespace so tests never hear each other.
 */
@NullMarked
package com.virtdevice.testsupport;

import org.jspecify.annotations.NullMarked;
