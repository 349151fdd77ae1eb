package com.virtdevice.alexa.state;

import java.util.Map;

/**
 * What is known about a device's properties.
 *
 * @param values property name → value
 * @param complete whether every property of the device is known (loaded from the
 * publisher once); otherwise only those events carried
 */
public record DeviceState(Map<String, KnownValue> values, boolean complete) {

}
