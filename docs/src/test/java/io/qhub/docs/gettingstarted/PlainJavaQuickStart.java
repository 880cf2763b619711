package io.qhub.docs.gettingstarted;

// tag::imports[]
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;

// end::imports[]
final class PlainJavaQuickStart {

	private PlainJavaQuickStart() {
	}

	// tag::quick-start[]
	static void quickStart(String endpoint, String tokenEndpoint, String accessKeyId, String secretAccessKey,
			Path downloads) {
		// endpoint: e.g. https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0
		// tokenEndpoint: https://gateway.hub.kipu-quantum.com/token unless set
		// accessKeyId and secretAccessKey: both, or neither for a local gateway
		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(endpoint)
			.tokenEndpoint(tokenEndpoint)
			.accessKeyId(accessKeyId)
			.secretAccessKey(secretAccessKey)
			.build()) {
			HubServiceExecution execution = client.run(Map.of("values", List.of(2), "shots", 100));
			execution.waitForFinalState(Duration.ofMinutes(5));
			System.out.println("Finished at " + execution.endedAt() + " with status " + execution.status());
			ResultResponse result = execution.result();
			System.out.println("Result: " + result.properties());
			for (String name : execution.resultFiles()) {
				System.out.println("Downloaded " + execution.downloadResultFile(name, downloads));
			}
			for (LogEntry entry : execution.logs()) {
				System.out.println(entry.severity() + " " + entry.message());
			}
		}
	}
	// end::quick-start[]

}
