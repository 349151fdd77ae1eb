package com.virtdevice.publisher;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where a request has a string (docs/contract.md §3: a property value is a string), only
 * a JSON string will do. Jackson would otherwise take {@code 42}, {@code 4.2} or
 * {@code true} as their text, so {@code {"value": 42}} stored {@code "42"}; now such a
 * body is refused with 400 problem JSON, for every request the publisher reads — create,
 * PUT, PATCH and webhooks. Objects and arrays were already refused.
 */
@Configuration(proxyBeanMethods = false)
class StringsOnly {

	@Bean
	JsonMapperBuilderCustomizer noScalarsAsStrings() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual,
				(strings) -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Object, CoercionAction.Fail));
	}

}
