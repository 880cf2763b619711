package io.qhub.docs.client;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.ServiceExecution;

final class SubmittingAndWaiting {

	private SubmittingAndWaiting() {
	}

	static ServiceExecution run(HubServiceClient hub, String ibmToken) {
		// tag::run[]
		HubServiceExecution execution = hub.run(Map.of("shots", 100),
				RunOptions.none()
					.withSecrets(Map.of("ibmToken", ibmToken)) // sent as $secrets
					.withTags("nightly", "v2")); // sent as $tags

		// or waitForFinalState(timeout, maxInterval)
		ServiceExecution last = execution.waitForFinalState(Duration.ofMinutes(10));
		// end::run[]
		return last;
	}

}
