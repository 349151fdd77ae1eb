package com.virtdevice.activity.audit;

import com.virtdevice.events.ChangeSource;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link ChangeSource} by its wire name ({@code alexa}, {@code web}, …). */
@Converter
class ChangeSourceColumn implements AttributeConverter<ChangeSource, String> {

	@Override
	public String convertToDatabaseColumn(ChangeSource source) {
		return source.wireName();
	}

	@Override
	public ChangeSource convertToEntityAttribute(String wireName) {
		return ChangeSource.fromWireName(wireName)
			.orElseThrow(() -> new IllegalStateException("Unknown source in activity_log: " + wireName));
	}

}
