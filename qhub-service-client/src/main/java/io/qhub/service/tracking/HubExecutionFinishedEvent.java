package io.qhub.service.tracking;

import io.qhub.service.client.model.ServiceExecution;

import org.springframework.context.ApplicationEvent;

/**
 * A tracked execution reached a final state (SUCCEEDED, FAILED or CANCELLED). In a Spring application it is
 * published as an application event, so an {@code @EventListener} method receives it.
 * <p>
 * Delivery is <em>at least once</em>: the execution stops being tracked only after every listener returned; a
 * listener that throws, or an instance that stops between delivering and recording the delivery, has the
 * completion delivered again (by this instance or, with a shared store, by another). Make the listener idempotent
 * with {@link #idempotencyKey()}, for example as a unique key of the row it writes.
 */
public final class HubExecutionFinishedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String service;

	private final transient ServiceExecution execution;

	/**
	 * Creates the event.
	 * @param source the tracker
	 * @param service the service (client) name
	 * @param execution the final state
	 */
	public HubExecutionFinishedEvent(Object source, String service, ServiceExecution execution) {
		super(source);
		this.service = service;
		this.execution = execution;
	}

	/**
	 * The name of the service the execution belongs to: {@code default} for {@code qhub.service}, else the key under
	 * {@code qhub.services}.
	 * @return the name
	 */
	public String service() {
		return this.service;
	}

	/**
	 * The execution in its final state.
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.execution;
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
		return "HubExecutionFinishedEvent[" + idempotencyKey() + ", " + this.execution.status() + "]";
	}

}
