package io.qhub.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The local gateway's own JSON reading and writing, independent of the client's DTOs. */
final class WireJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private WireJson() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	static Map<String, @Nullable Object> readObject(byte[] body) {
		return MAPPER.readValue(body, OBJECT);
	}

}
