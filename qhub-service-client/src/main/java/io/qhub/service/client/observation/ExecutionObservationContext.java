package io.qhub.service.client.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What is known about one wait for an execution's final state, for conventions to turn
 * into tags.
 */
public final class ExecutionObservationContext extends Observation.Context {

	private final String service;

	private final String executionId;

	private @Nullable String outcome;

	/**
	 * Creates a context.
	 * @param service the service the client talks to (its name, or the endpoint path)
	 * @param executionId the execution id
	 */
	public ExecutionObservationContext(String service, String executionId) {
		this.service = service;
		this.executionId = executionId;
	}

	/**
	 * The service the client talks to.
	 * @return the service name
	 */
	public String getService() {
		return this.service;
	}

	/**
	 * The execution waited for.
	 * @return the execution id
	 */
	public String getExecutionId() {
		return this.executionId;
	}

	/**
	 * How the wait ended: the final status ({@code SUCCEEDED}, {@code FAILED},
	 * {@code CANCELLED}), {@code TIMEOUT}, {@code ERROR} or {@code ABANDONED} (the
	 * subscriber cancelled); {@code null} while waiting.
	 * @return the outcome
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how the wait ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
