package io.qhub.docs.testing;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalHubGatewayExtension} on a static field: a 503 on the first status poll is
 * retried.
 */
class LocalHubGatewayExtensionTests {

	// tag::extension[]
	@RegisterExtension
	static LocalHubGatewayExtension gateway = LocalHubGatewayExtension.newInstance()
		.accessKey("test-id", "test-secret")
		.configure((builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(50)))
		.build();

	@Test
	void retriesA503() {
		gateway.inject(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 1));
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
			.accessKeyId("test-id")
			.secretAccessKey("test-secret")
			.build()) {
			client.run(Map.of("shots", 1)).waitForFinalState(Duration.ofSeconds(10));
		}
		assertThat(gateway.callCount(GatewayOperation.GET_STATUS)).isEqualTo(2);
	}
	// end::extension[]

}
