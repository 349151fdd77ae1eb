package com.virtdevice.alexa.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.alexa.delivery.ChangeBatch.PendingChange;
import com.virtdevice.alexa.report.AlexaStateProperty;
import com.virtdevice.alexa.report.ChangeReport;
import com.virtdevice.alexa.report.PropertyMapping;
import com.virtdevice.alexa.report.ReportedValue;
import com.virtdevice.alexa.report.UnconvertibleValue;
import com.virtdevice.alexa.state.DeviceSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a batch's report says: its changes converted to Alexa values, and the device's
 * other mapped properties (current values from the snapshot) as context, in a
 * ChangeReport message. A value with no Alexa form is left out, counted and logged; the
 * rest still goes.
 */
final class ReportContents {

	private static final Logger log = LoggerFactory.getLogger(ReportContents.class);

	private final PropertyMapping mapping;

	private final DeviceSnapshots snapshots;

	private final DeliveryMetrics metrics;

	private final long uncertaintyInMilliseconds;

	ReportContents(PropertyMapping mapping, DeviceSnapshots snapshots, DeliveryMetrics metrics,
			long uncertaintyInMilliseconds) {
		this.mapping = mapping;
		this.snapshots = snapshots;
		this.metrics = metrics;
		this.uncertaintyInMilliseconds = uncertaintyInMilliseconds;
	}

	/** The ChangeReport message of the batch, with these values, sent with that token. */
	ObjectNode message(UUID messageId, ChangeBatch batch, String token, List<ReportedValue> changed,
			List<ReportedValue> context) {
		return ChangeReport.message(messageId, batch.deviceId(), token, batch.cause(), changed, context,
				this.uncertaintyInMilliseconds);
	}

	/** The batch's changes that convert. */
	List<ReportedValue> changed(ChangeBatch batch) {
		List<ReportedValue> values = new ArrayList<>();
		for (PendingChange change : batch.changes()) {
			this.mapping.find(change.property()).ifPresent((property) -> {
				try {
					values.add(new ReportedValue(property, property.convert(change.value()), change.timeOfSample()));
				}
				catch (UnconvertibleValue ex) {
					this.metrics.unconvertible(property.namespace());
					log.warn("Not reporting {} of device {}: {} (eventId {})", change.property(), batch.deviceId(),
							ex.getMessage(), change.event().eventId());
				}
			});
		}
		return values;
	}

	/** The device's other mapped properties: none of the batch's own. */
	List<ReportedValue> context(ChangeBatch batch) {
		Set<String> changed = new HashSet<>();
		batch.changes().forEach((change) -> changed.add(change.property()));
		List<ReportedValue> values = new ArrayList<>();
		this.snapshots.current(batch.deviceId(), batch.userId(), batch.newestSequence())
			.values()
			.forEach((name, known) -> {
				Optional<AlexaStateProperty> property = this.mapping.find(name);
				if (changed.contains(name) || property.isEmpty()) {
					return;
				}
				try {
					values.add(new ReportedValue(property.get(), property.get().convert(known.value()),
							known.timeOfSample()));
				}
				catch (UnconvertibleValue ex) {
					this.metrics.unconvertible(property.get().namespace());
					log.warn("Leaving {} of device {} out of the report's context: {}", name, batch.deviceId(),
							ex.getMessage());
				}
			});
		return values;
	}

}
