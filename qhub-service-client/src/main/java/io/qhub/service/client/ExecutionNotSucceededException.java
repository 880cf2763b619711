package io.qhub.service.client;

import java.util.List;
import java.util.stream.Collectors;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.Secrets;

/**
 * An execution ended FAILED or CANCELLED where its result was asked for with
 * {@code successfulResult()}: carries the final state and the last lines of its log (at
 * most {@value #LAST_LOG_LINES}), each message redacted as every message of the client
 * is, so a service that logs a secret the client knows does not show it here.
 * {@link FailureKind#PERMANENT}: the execution stays as it ended.
 */
public class ExecutionNotSucceededException extends HubClientException {

	/** The most log lines the exception carries (the last ones). */
	public static final int LAST_LOG_LINES = 20;

	private static final long serialVersionUID = 1L;

	private final transient ServiceExecution execution;

	private final transient List<LogEntry> lastLogLines;

	/**
	 * Creates an exception.
	 * @param execution the final state
	 * @param log the execution's log, oldest first (its last {@value #LAST_LOG_LINES}
	 * lines are kept, redacted); empty when it could not be read
	 */
	public ExecutionNotSucceededException(ServiceExecution execution, List<LogEntry> log) {
		super(message(execution, lastLines(log)), null, FailureKind.PERMANENT);
		this.execution = execution;
		this.lastLogLines = lastLines(log);
	}

	private static List<LogEntry> lastLines(List<LogEntry> log) {
		return log.subList(Math.max(0, log.size() - LAST_LOG_LINES), log.size())
			.stream()
			.map((entry) -> new LogEntry((entry.message() != null) ? Secrets.redact(entry.message()) : null,
					entry.severity(), entry.timestamp()))
			.toList();
	}

	private static String message(ServiceExecution execution, List<LogEntry> lines) {
		String message = "Execution " + execution.id() + " ended " + execution.status();
		if (lines.isEmpty()) {
			return message + " (no log lines)";
		}
		return message + "; last log lines:"
				+ lines.stream()
					.map((entry) -> "\n  " + entry.severity() + " " + entry.message())
					.collect(Collectors.joining());
	}

	/**
	 * The final state.
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.execution;
	}

	/**
	 * How the execution ended.
	 * @return {@code FAILED} or {@code CANCELLED}
	 */
	public ServiceExecutionStatus status() {
		return this.execution.status();
	}

	/**
	 * The last lines of the execution's log, oldest first, redacted.
	 * @return at most {@value #LAST_LOG_LINES} entries; empty when the log was empty or
	 * could not be read
	 */
	public List<LogEntry> lastLogLines() {
		return this.lastLogLines;
	}

}
