package io.qhub.service.client.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads the gateway's timestamps: ISO-8601 with an offset
 * ({@code 2025-10-10T08:23:26.452335419Z}), ISO-8601 without one, and the spec's
 * {@code yyyy-MM-dd HH:mm:ss} (optionally with fractions); zone-less values are UTC. A
 * number is epoch seconds (fractions too). A value that fits none of these (out of range,
 * an object, an array, a boolean) reads as {@code null} (logged at DEBUG) so one odd
 * timestamp never fails a call.
 */
final class LenientInstantDeserializer extends ValueDeserializer<Instant> {

	private static final Log logger = LogFactory.getLog(LenientInstantDeserializer.class);

	private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.toFormatter();

	@Override
	public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return epochSeconds(parser.getNumberValueExact());
		}
		if (token == JsonToken.VALUE_STRING) {
			return parse(parser.getString());
		}
		// an object, an array, a boolean: not a timestamp
		parser.skipChildren();
		logger.debug("Ignoring a timestamp that is not a string or a number (" + token + ")");
		return null;
	}

	private static @Nullable Instant epochSeconds(Number seconds) {
		try {
			BigDecimal exact = new BigDecimal(seconds.toString());
			BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
			return Instant.ofEpochSecond(whole.longValueExact(), exact.subtract(whole).movePointRight(9).intValue());
		}
		catch (ArithmeticException | NumberFormatException | java.time.DateTimeException ex) {
			logger.debug("Ignoring a timestamp out of range");
			return null;
		}
	}

	/**
	 * Parses one timestamp leniently.
	 * @param text the wire text
	 * @return the instant, or {@code null} if absent or unparseable
	 */
	static @Nullable Instant parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		try {
			// picks the form without throwing: parsing failures are costly, and this runs
			// for every timestamp
			if (value.length() > 10 && value.charAt(10) == ' ') {
				return LocalDateTime.parse(value, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
			}
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (java.time.DateTimeException ex) {
			logger.debug("Ignoring an unparseable timestamp");
			return null;
		}
	}

}
