package io.qhub.test.gateway;

/**
 * One log entry a scripted service writes.
 *
 * @param severity {@code DEBUG}, {@code NOTICE}, {@code INFO}, {@code WARNING} or
 * {@code ERROR}
 * @param message the message
 */
public record LogLine(String severity, String message) {

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

}
