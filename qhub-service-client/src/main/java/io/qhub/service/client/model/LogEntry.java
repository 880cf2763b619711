package io.qhub.service.client.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an execution's log ({@code LogEntry} schema). Logs come oldest first.
 *
 * @param message the log message
 * @param severity the severity, {@link LogEntrySeverity#UNKNOWN} when absent or unknown
 * @param timestamp when the entry was recorded, {@code null} if absent or unparseable
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEntry(@Nullable String message, LogEntrySeverity severity, @Nullable Instant timestamp) {

	/** Normalises a missing severity to {@code UNKNOWN}. */
	public LogEntry {
		severity = (severity != null) ? severity : LogEntrySeverity.UNKNOWN;
	}

}
