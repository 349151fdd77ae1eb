package com.virtdevice.publisher.property;

import java.util.List;

/**
 * The outcome of a PATCH: every property set, in request order, all in one transaction.
 *
 * @param deviceId the device
 * @param results one entry per property
 */
public record PropertiesChanged(String deviceId, List<PropertyChanged> results) {

}
