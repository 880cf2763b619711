package io.qhub.test.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a scripted service produces for one execution: output fields (the result's
 * top-level JSON), result files, log entries, and whether it ends SUCCEEDED or FAILED.
 *
 * @param succeeded {@code true} for SUCCEEDED, {@code false} for FAILED
 * @param output the result's own fields
 * @param files result files by name (each becomes a link in {@code _links})
 * @param logs log entries, oldest first
 */
public record ServiceOutcome(boolean succeeded, Map<String, @Nullable Object> output, Map<String, ResultFile> files,
		List<LogLine> logs) {

	/** Copies the collections, keeping order. */
	public ServiceOutcome {
		output = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(output));
		files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
		logs = List.copyOf(logs);
	}

	/**
	 * A successful outcome with output fields only.
	 * @param output the output fields
	 * @return the outcome
	 */
	public static ServiceOutcome success(Map<String, ?> output) {
		return new ServiceOutcome(true, new LinkedHashMap<>(output), Map.of(),
				List.of(LogLine.info("Execution succeeded")));
	}

	/**
	 * A failed outcome.
	 * @param message the error logged
	 * @return the outcome
	 */
	public static ServiceOutcome failure(String message) {
		return new ServiceOutcome(false, Map.of("error", message), Map.of(), List.of(LogLine.error(message)));
	}

	/**
	 * A copy with one more result file.
	 * @param name the file name
	 * @param file the file
	 * @return the new outcome
	 */
	public ServiceOutcome withFile(String name, ResultFile file) {
		Map<String, ResultFile> more = new LinkedHashMap<>(this.files);
		more.put(name, file);
		return new ServiceOutcome(this.succeeded, this.output, more, this.logs);
	}

	/**
	 * A copy with these log entries.
	 * @param logs the entries
	 * @return the new outcome
	 */
	public ServiceOutcome withLogs(List<LogLine> logs) {
		return new ServiceOutcome(this.succeeded, this.output, this.files, logs);
	}

}
