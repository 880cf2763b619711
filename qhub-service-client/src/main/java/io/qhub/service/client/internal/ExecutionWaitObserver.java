package io.qhub.service.client.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.observation.DefaultExecutionObservationConvention;
import io.qhub.service.client.observation.ExecutionObservationContext;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.client.observation.ExecutionObservationDocumentation;
import reactor.core.publisher.Mono;

/**
 * Wraps one wait for a final state in a {@code qhub.execution} observation (a no-op
 * without a registry).
 */
public final class ExecutionWaitObserver {

	private static final ExecutionObservationConvention DEFAULT_CONVENTION = new DefaultExecutionObservationConvention();

	private final ObservationRegistry registry;

	private final ExecutionObservationConvention convention;

	private final String service;

	/**
	 * Creates the observer of one client.
	 * @param registry where observations go
	 * @param convention the convention
	 * @param service the service name
	 */
	public ExecutionWaitObserver(ObservationRegistry registry, ExecutionObservationConvention convention,
			String service) {
		this.registry = registry;
		this.convention = convention;
		this.service = service;
	}

	/**
	 * The wait, observed.
	 * @param execution the state the wait starts from
	 * @param wait the wait
	 * @return the observed wait
	 */
	public Mono<ServiceExecution> observe(ServiceExecution execution, Mono<ServiceExecution> wait) {
		if (this.registry.isNoop()) {
			return wait;
		}
		return Mono.defer(() -> {
			ExecutionObservationContext context = new ExecutionObservationContext(this.service,
					String.valueOf(execution.id()));
			Observation observation = ExecutionObservationDocumentation.EXECUTION_WAIT
				.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
				.start();
			return wait.doOnSuccess((last) -> {
				context.setOutcome((last != null) ? last.status().name() : "ERROR");
				observation.stop();
			}).doOnError((ex) -> {
				context.setOutcome((ex instanceof WaitTimedOut) ? "TIMEOUT" : "ERROR");
				observation.error(ex);
				observation.stop();
			}).doOnCancel(() -> {
				context.setOutcome("ABANDONED");
				observation.stop();
			});
		});
	}

}
