package io.qhub.service.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the {@code qhub.execution} observation; implement it to change them. */
public interface ExecutionObservationConvention extends ObservationConvention<ExecutionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ExecutionObservationContext;
	}

}
