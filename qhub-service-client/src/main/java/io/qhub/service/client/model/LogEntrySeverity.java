package io.qhub.service.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/** Severity of a {@link LogEntry}. */
public enum LogEntrySeverity {

	/** A value this client does not know (the gateway may send others). */
	UNKNOWN,
	/** Debug output. */
	DEBUG,
	/** Notice. */
	NOTICE,
	/** Information. */
	INFO,
	/** Warning. */
	WARNING,
	/** Error. */
	ERROR;

	/**
	 * Reads a wire value leniently: case-insensitive, {@link #UNKNOWN} for an unknown
	 * value.
	 * @param value the wire value
	 * @return the severity, never {@code null}
	 */
	@JsonCreator
	public static LogEntrySeverity fromValue(@Nullable String value) {
		return WireEnums.lenient(LogEntrySeverity.class, value, UNKNOWN);
	}

}
