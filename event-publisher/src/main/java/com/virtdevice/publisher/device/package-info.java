/** Devices: create, read, list, delete (docs/contract.md §4.1). */
@NullMarked
package com.virtdevice.publisher.device;

import org.jspecify.annotations.NullMarked;
