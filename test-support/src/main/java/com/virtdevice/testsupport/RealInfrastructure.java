package com.virtdevice.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test context against real servers: the shared test Redis, a database of
 * its own on the shared test PostgreSQL, and a Redis channel namespace of its own. A hub
 * service (by {@code spring.application.name}) connects to Redis as the least-privileged
 * ACL user of its role on that namespace, as in production. Sets
 * {@code spring.data.redis.url}, {@code spring.datasource.*},
 * {@code virtdevice.redis.channel-namespace} and {@code virtdevice.security.jwt.secret}
 * ({@link TestTokens#SECRET}); inlined test properties still win.
 *
 * @see TestInfrastructure
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface RealInfrastructure {

}
