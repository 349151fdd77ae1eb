package com.virtdevice.activity.audit;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hibernate's JSON columns through Jackson 3 (Hibernate 7.2 looks only for Jackson 2). A
 * mapper of its own, so that the stored format does not follow changes to the web layer's
 * JSON settings.
 */
final class JsonColumnMapper implements FormatMapper {

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	@SuppressWarnings("unchecked")
	public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
		if (type.getJavaTypeClass() == String.class) {
			return (T) text.toString();
		}
		return this.json.readValue(text.toString(), this.json.constructType(type.getJavaType()));
	}

	@Override
	public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
		if (type.getJavaTypeClass() == String.class) {
			return (String) value;
		}
		return this.json.writerFor(this.json.constructType(type.getJavaType())).writeValueAsString(value);
	}

}
