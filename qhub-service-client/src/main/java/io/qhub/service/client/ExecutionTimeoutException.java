package io.qhub.service.client;

import java.time.Duration;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;

/**
 * An execution did not reach a final state within the wait's timeout. The execution
 * itself goes on; the exception carries the last state seen, so the caller can keep its
 * id, wait again or cancel it.
 */
public class ExecutionTimeoutException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final transient ServiceExecution lastExecution;

	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param lastExecution the last state seen
	 * @param timeout the timeout that passed
	 */
	public ExecutionTimeoutException(ServiceExecution lastExecution, Duration timeout) {
		super("Execution " + lastExecution.id() + " did not reach a final state within "
				+ timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " (last status "
				+ lastExecution.status() + ")", null, FailureKind.TRANSIENT);
		this.lastExecution = lastExecution;
		this.timeout = timeout;
	}

	/**
	 * The last state seen before the timeout.
	 * @return the execution
	 */
	public ServiceExecution lastExecution() {
		return this.lastExecution;
	}

	/**
	 * The timeout that passed.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
