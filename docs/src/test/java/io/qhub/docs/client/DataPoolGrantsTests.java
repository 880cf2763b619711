package io.qhub.docs.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.RecordedRequest;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DataPoolGrants}: one grant per data pool is acquired from the platform's grant
 * endpoint (here the local gateway's) and sent as a data-pool reference under its name.
 */
class DataPoolGrantsTests {

	static final String PLATFORM_API_KEY = "docs-platform-key";

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure((builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(100)).platformApiKey(PLATFORM_API_KEY))
		.build();

	@Test
	void acquiresAGrantPerDataPool() {
		HubPlatformClient platform = HubPlatformClient.builder()
			.apiKey(PLATFORM_API_KEY)
			.platformEndpoint(gateway.platformEndpoint())
			.build();
		try (platform; HubServiceClient hub = Clients.builder(gateway).platformClient(platform).build()) {
			HubServiceExecution execution = DataPoolGrants.run(hub);

			List<RecordedRequest> grants = gateway.gateway().requests(GatewayOperation.DATA_POOL_GRANT);
			assertThat(grants).hasSize(2);
			assertThat(grants).anySatisfy((grant) -> assertThat(grant.body()).contains("\"dp-abc123\"")
				.contains("\"app-xyz789\"")
				.contains("\"VIEW\""));
			assertThat(grants)
				.anySatisfy((grant) -> assertThat(grant.body()).contains("\"dp-def456\"").contains("\"MODIFY\""));
			String started = gateway.gateway().requests(GatewayOperation.START_EXECUTION).get(0).body();
			assertThat(started).containsPattern(
					"\"input_data\":\\{\"id\":\"dp-abc123\",\"ref\":\"DATAPOOL\",\"grant\":\"[^\"]+\\.[^\"]+\\.[^\"]+\"\\}")
				.containsPattern("\"output_data\":\\{\"id\":\"dp-def456\",\"ref\":\"DATAPOOL\",\"grant\":\"[^\"]+\"\\}")
				.contains("\"shots\":100");
			assertThat(execution.result().properties()).containsEntry("input_data",
					Map.of("id", "dp-abc123", "ref", "DATAPOOL"));
		}
	}

}
