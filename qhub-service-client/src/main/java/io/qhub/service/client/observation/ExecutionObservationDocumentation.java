package io.qhub.service.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** Documents the {@code qhub.execution} observation: its name and tag keys. */
public enum ExecutionObservationDocumentation implements ObservationDocumentation {

	/** One wait for an execution's final state. */
	EXECUTION_WAIT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultExecutionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/** Tags with few distinct values, safe for metrics. */
	public enum LowCardinalityKeys implements KeyName {

		/**
		 * The service: a configured name, or the endpoint path
		 * ({@code acme/qft-simulator/1.0.0}).
		 */
		SERVICE {
			@Override
			public String asString() {
				return "qhub.service";
			}
		},

		/**
		 * How the wait ended: {@code SUCCEEDED}, {@code FAILED}, {@code CANCELLED},
		 * {@code TIMEOUT}, {@code ERROR} or {@code ABANDONED}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "qhub.execution.outcome";
			}
		}

	}

	/** Tags with one value per execution, for traces only. */
	public enum HighCardinalityKeys implements KeyName {

		/** The execution id. */
		EXECUTION_ID {
			@Override
			public String asString() {
				return "qhub.execution.id";
			}
		}

	}

}
