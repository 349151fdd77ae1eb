/**
 * Fault drills (issue 10): the whole hub under a steady load of property changes while
 * Redis, PostgreSQL, the publisher or a consumer fails; afterwards every consumer must
 * have every event exactly once. Figures go to {@code target/drills} and
 * {@code docs/reliability.md}.
 */
@NullMarked
package com.virtdevice.drills.fault;

import org.jspecify.annotations.NullMarked;
