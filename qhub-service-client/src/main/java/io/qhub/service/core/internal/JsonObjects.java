package io.qhub.service.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON objects as maps, with a private Jackson 3 mapper (the application's mapper never
 * changes how an answer is read): the token endpoint's and the platform's answers, and
 * the platform's request bodies.
 */
final class JsonObjects {

	private static final TypeReference<LinkedHashMap<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	byte[] write(Object value) {
		return this.mapper.writeValueAsBytes(value);
	}

	Map<String, @Nullable Object> read(byte[] body) {
		return this.mapper.readValue(body, OBJECT);
	}

}
