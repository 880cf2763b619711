package io.qhub.docs.client;

import java.time.Duration;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.RecordedRequest;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SubmittingAndWaiting}: secrets and tags are sent as {@code $secrets} and
 * {@code $tags}, and the wait returns the final state.
 */
class SubmittingAndWaitingTests {

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure((builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(100)))
		.build();

	@Test
	void sendsSecretsAndTagsAndWaits() {
		try (HubServiceClient hub = Clients.builder(gateway).build()) {
			ServiceExecution last = SubmittingAndWaiting.run(hub, "ibm-token-value");

			assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			RecordedRequest start = gateway.gateway().requests(GatewayOperation.START_EXECUTION).get(0);
			assertThat(start.body()).contains("\"shots\":100")
				.contains("\"$secrets\":{\"ibmToken\":\"ibm-token-value\"}")
				.contains("\"$tags\":[\"nightly\",\"v2\",\"qhub-submission-key:");
		}
	}

}
