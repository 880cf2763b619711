package io.qhub.docs.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.docs.client.TypedRequestsAndResults.Counts;
import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import io.qhub.test.junit.LocalHubGatewayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TypedRequestsAndResults}: a record sent as the request, the output fields and a
 * JSON result file ({@code counts.json}) read as records.
 */
class TypedRequestsAndResultsTests {

	@RegisterExtension
	static LocalHubGatewayExtension gateway = Clients.gateway()
		.configure(
				(builder) -> builder.timing(Duration.ZERO, Duration.ofMillis(100))
					.handler((request) -> ServiceOutcome
						.success(Map.of("counts", Map.of("00", 48, "11", 52), "shots", request.get("shots"), "backend",
								"sim"))
						.withFile("counts.json",
								ResultFile.of("{\"counts\":{\"00\":50,\"11\":50},\"shots\":100}"
									.getBytes(StandardCharsets.UTF_8), "application/json"))))
		.build();

	@Test
	void sendsARecordAndReadsRecords() {
		try (HubServiceClient hub = Clients.builder(gateway).build()) {
			List<Counts> counts = new TypedRequestsAndResults(hub).bell();

			assertThat(counts).containsExactly(new Counts(Map.of("00", 48, "11", 52), 100),
					new Counts(Map.of("00", 50, "11", 50), 100));
			assertThat(gateway.gateway().requests(GatewayOperation.START_EXECUTION).get(0).body())
				.contains("\"circuit\":\"bell\"")
				.contains("\"shots\":100")
				.contains("\"$tags\":[\"nightly\",\"qhub-submission-key:");
		}
	}

}
