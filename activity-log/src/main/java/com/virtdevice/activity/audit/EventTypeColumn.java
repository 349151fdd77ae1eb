package com.virtdevice.activity.audit;

import com.virtdevice.events.EventType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link EventType} by its wire name ({@code property_changed}, …). */
@Converter
class EventTypeColumn implements AttributeConverter<EventType, String> {

	@Override
	public String convertToDatabaseColumn(EventType type) {
		return type.wireName();
	}

	@Override
	public EventType convertToEntityAttribute(String wireName) {
		return EventType.fromWireName(wireName)
			.orElseThrow(() -> new IllegalStateException("Unknown action in activity_log: " + wireName));
	}

}
