/**
 * What a ChangeReport says: the mapping of VirtDevice properties to Alexa interfaces and
 * wire values, the change cause, and the message itself.
 */
@NullMarked
package com.virtdevice.alexa.report;

import org.jspecify.annotations.NullMarked;
