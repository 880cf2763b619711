package io.qhub.service.client.internal;

import java.util.Map;

import io.qhub.service.core.ResultConversionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a result's output fields, or a JSON result file, as an application type (a
 * record, a bean, a collection type), with the client's own Jackson 3 mapper: fields the
 * type does not declare are ignored (a service may add output fields without breaking its
 * callers); a field whose JSON does not fit its Java type, or a missing primitive, fails
 * with a {@link ResultConversionException} naming the type and the field, never the
 * value.
 */
public final class ResultConverter {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	/**
	 * Converts output fields to a type.
	 * @param <T> the type
	 * @param fields the fields
	 * @param type the type
	 * @param what what is converted, for the error
	 * @return the value
	 */
	public <T> T convert(Map<String, @Nullable Object> fields, Class<T> type, String what) {
		try {
			T value = this.mapper.convertValue(fields, type);
			if (value == null) {
				throw new ResultConversionException(what, type, "", "(it converted to null)");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw failure(what, type, ex);
		}
	}

	/**
	 * Reads JSON as a type.
	 * @param <T> the type
	 * @param json the JSON
	 * @param type the type
	 * @param what what is read, for the error
	 * @return the value
	 */
	public <T> T read(byte[] json, Class<T> type, String what) {
		try {
			T value = this.mapper.readValue(json, type);
			if (value == null) {
				throw new ResultConversionException(what, type, "", "(it is JSON null)");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw failure(what, type, ex);
		}
	}

	private static ResultConversionException failure(String what, Class<?> type, JacksonException ex) {
		String reason = (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
				? "(expected " + mismatch.getTargetType().getTypeName() + ": " + ex.getClass().getSimpleName() + ")"
				: "(" + ex.getClass().getSimpleName() + ")";
		return new ResultConversionException(what, type, JsonPath.of(ex.getPath()), reason);
	}

}
