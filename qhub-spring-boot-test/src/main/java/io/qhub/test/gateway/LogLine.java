package io.qhub.test.gateway;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One log entry a scripted service writes: by default once the execution is final; with
 * {@link #at(Duration)} while it runs, so a client can follow the log as it grows.
 *
 * @param severity {@code DEBUG}, {@code NOTICE}, {@code INFO}, {@code WARNING} or
 * {@code ERROR}
 * @param message the message
 * @param after how long after the execution started running the entry is written (and its
 * timestamp), or {@code null} for when it ends
 */
public record LogLine(String severity, String message, @Nullable Duration after) {

	/** Rejects a negative time. */
	public LogLine {
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(message, "message");
		if (after != null && after.isNegative()) {
			throw new IllegalArgumentException("after must not be negative, was " + after);
		}
	}

	/**
	 * An entry written when the execution ends.
	 * @param severity the severity
	 * @param message the message
	 */
	public LogLine(String severity, String message) {
		this(severity, message, null);
	}

	/**
	 * An {@code INFO} entry.
	 * @param message the message
	 * @return the entry
	 */
	public static LogLine info(String message) {
		return new LogLine("INFO", message);
	}

	/**
	 * An {@code ERROR} entry.
	 * @param message the message
	 * @return the entry
	 */
	public static LogLine error(String message) {
		return new LogLine("ERROR", message);
	}

	/**
	 * This entry, written {@code after} the execution started running (timestamped then):
	 * it shows in the log from that time on, unless the execution ended before. Entries
	 * with the same time share their timestamp.
	 * @param after the time since the start of the run
	 * @return the entry
	 */
	public LogLine at(Duration after) {
		return new LogLine(this.severity, this.message, Objects.requireNonNull(after, "after"));
	}

}
