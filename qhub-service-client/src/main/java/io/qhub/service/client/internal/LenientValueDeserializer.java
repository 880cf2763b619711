package io.qhub.service.client.internal;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a wire enum (status, severity, type) from a string, and anything else the gateway
 * may send in its place (a number, an object, an array) as the enum's unknown value, so
 * one odd field never fails a call. An absent or {@code null} value stays {@code null}
 * (the records decide what that means).
 *
 * @param <T> the enum
 */
final class LenientValueDeserializer<T> extends ValueDeserializer<T> {

	private final Function<@Nullable String, T> reader;

	private final T unknown;

	LenientValueDeserializer(Function<@Nullable String, T> reader, T unknown) {
		this.reader = reader;
		this.unknown = unknown;
	}

	@Override
	public T deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_STRING) {
			return this.reader.apply(parser.getString());
		}
		parser.skipChildren();
		return this.unknown;
	}

}
