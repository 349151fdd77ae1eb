/** Devices: create, read, list, delete (SPEC §4.1). */
@NullMarked
package com.virtdevice.publisher.device;

import org.jspecify.annotations.NullMarked;
