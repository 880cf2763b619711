package io.qhub.docs.testing;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link LocalHubGateway} scripted with a service of its own and two faults on chosen
 * calls: the client gets through both 503s to the result.
 */
class LocalHubGatewayTests {

	@Test
	void scriptedGatewayWithFaults() {
		// tag::local-gateway[]
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey("test-id", "test-secret")
			.timing(Duration.ofMillis(50), Duration.ofMillis(200)) // PENDING, RUNNING
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42))
				.withFile("plot.png", ResultFile.generated(1024)))
			.start()) {
			// faults on chosen calls: the next two status polls get a 503
			gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, "1", 2));
			try (HubServiceClient client = HubServiceClient.builder()
				.serviceEndpoint(gateway.serviceEndpoint())
				.tokenEndpoint(gateway.tokenEndpoint())
				.accessKeyId("test-id")
				.secretAccessKey("test-secret")
				.build()) {
				HubServiceExecution execution = client.run(Map.of("shots", 1));
				// through both 503s
				assertThat(execution.result().properties()).containsEntry("sum", 42);
				assertThat(execution.resultFiles()).containsExactly("plot.png");
			}
			assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
			assertThat(gateway.injectedFaultCount(GatewayOperation.GET_STATUS)).isEqualTo(2);
		}
		// end::local-gateway[]
	}

}
