package io.qhub.test.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** The local gateway's own JSON reading and writing, independent of the client's DTOs. */
final class WireJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.addModule(new SimpleModule("local-gateway-raw").addSerializer(Raw.class, new ValueSerializer<Raw>() {

			@Override
			public void serialize(Raw value, JsonGenerator generator, SerializationContext context) {
				generator.writeRawValue(value.json());
			}

		}))
		.build();

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

	/**
	 * JSON text written as it is, for answers a real gateway would never send.
	 *
	 * @param json the JSON text
	 */
	record Raw(String json) {
	}

}
