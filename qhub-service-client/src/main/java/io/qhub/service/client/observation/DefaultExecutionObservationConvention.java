package io.qhub.service.client.observation;

import io.micrometer.common.KeyValues;
import io.qhub.service.client.observation.ExecutionObservationDocumentation.HighCardinalityKeys;
import io.qhub.service.client.observation.ExecutionObservationDocumentation.LowCardinalityKeys;

/**
 * The default convention of the {@code qhub.execution} observation: name
 * {@code qhub.execution}, contextual name {@code qhub wait}, low-cardinality tags
 * {@code qhub.service} and {@code qhub.execution.outcome}, high-cardinality tag
 * {@code qhub.execution.id}.
 */
public class DefaultExecutionObservationConvention implements ExecutionObservationConvention {

	/** The observation name. */
	public static final String NAME = "qhub.execution";

	/** Creates the convention; extend it to change some of its tags. */
	public DefaultExecutionObservationConvention() {
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ExecutionObservationContext context) {
		return "qhub wait";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ExecutionObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of(LowCardinalityKeys.SERVICE.withValue(context.getService()),
				LowCardinalityKeys.OUTCOME.withValue((outcome != null) ? outcome : "UNKNOWN"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ExecutionObservationContext context) {
		return KeyValues.of(HighCardinalityKeys.EXECUTION_ID.withValue(context.getExecutionId()));
	}

}
