package io.qhub.tracking;

import java.util.Objects;

import io.qhub.service.client.model.ServiceExecution;

/**
 * A tracked execution reached a final state (SUCCEEDED, FAILED or CANCELLED). A plain
 * record: in a Spring application the tracker's listener publishes it as an application
 * event (Spring wraps any object in a {@code PayloadApplicationEvent}), so an
 * {@code @EventListener} method taking a {@code HubExecutionFinished} receives it.
 * <p>
 * Delivery is <em>at least once</em>: the execution stops being tracked only after every
 * listener returned; a listener that throws, or an instance that stops between delivering
 * and recording the delivery, has the completion delivered again (by this instance or,
 * with a shared store, by another). Make the listener idempotent with
 * {@link #idempotencyKey()}, for example as a unique key of the row it writes.
 *
 * @param service the name of the service the execution belongs to: {@code default} for
 * {@code qhub.service}, else the key under {@code qhub.services}
 * @param execution the execution in its final state
 */
public record HubExecutionFinished(String service, ServiceExecution execution) {

	/** Checks the fields. */
	public HubExecutionFinished {
		Objects.requireNonNull(service, "service must not be null");
		Objects.requireNonNull(execution, "execution must not be null");
	}

	/**
	 * The same for every delivery of this completion: {@code service/id}.
	 * @return the key
	 */
	public String idempotencyKey() {
		return this.service + "/" + this.execution.id();
	}

	@Override
	public String toString() {
		return "HubExecutionFinished[" + idempotencyKey() + ", " + this.execution.status() + "]";
	}

}
