/**
 * What the drills share: the hub, its consumers, the load, the ground truth and the
 * report. The hostile-input suites use it too.
 */
@NullMarked
package com.virtdevice.drills.support;

import org.jspecify.annotations.NullMarked;
