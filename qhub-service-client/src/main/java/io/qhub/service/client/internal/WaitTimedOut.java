package io.qhub.service.client.internal;

import java.time.Duration;

import io.qhub.service.client.model.ServiceExecution;

/**
 * A wait ended at its deadline before the execution was final: what
 * {@link ExecutionPoller} fails with, carrying the last state seen; the client's API
 * reports it as its {@code ExecutionTimeoutException}. Internal: not exported by the
 * module.
 */
public final class WaitTimedOut extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ServiceExecution lastExecution;

	private final Duration timeout;

	WaitTimedOut(ServiceExecution lastExecution, Duration timeout) {
		super(null, null, false, false);
		this.lastExecution = lastExecution;
		this.timeout = timeout;
	}

	/**
	 * The last state seen.
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
