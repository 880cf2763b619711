package io.qhub.service.client.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
 * Reads the gateway's timestamps: ISO-8601 with an offset ({@code 2025-10-10T08:23:26.452335419Z}), ISO-8601
 * without one, and the spec's {@code yyyy-MM-dd HH:mm:ss} (optionally with fractions); zone-less values are UTC.
 * A value that fits none of these reads as {@code null} (logged at DEBUG) so one odd timestamp never fails a call.
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
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochSecond(parser.getLongValue());
		}
		return parse(parser.getValueAsString());
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
			// picks the form without throwing: parsing failures are costly, and this runs for every timestamp
			if (value.length() > 10 && value.charAt(10) == ' ') {
				return LocalDateTime.parse(value, SPACE_SEPARATED).toInstant(ZoneOffset.UTC);
			}
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			logger.debug("Ignoring unparseable timestamp '" + value + "'");
			return null;
		}
	}

}
