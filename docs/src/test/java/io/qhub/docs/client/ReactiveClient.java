package io.qhub.docs.client;

import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.model.ServiceExecution;

final class ReactiveClient {

	private ReactiveClient() {
	}

	static ServiceExecution runOnce(String endpoint, String tokenEndpoint, String accessKeyId, String secretAccessKey) {
		// tag::build-reactive[]
		// tokenEndpoint: https://gateway.hub.kipu-quantum.com/token unless set
		try (ReactiveHubServiceClient hub = HubServiceClient.builder()
			.serviceEndpoint(endpoint)
			.tokenEndpoint(tokenEndpoint)
			.accessKeyId(accessKeyId)
			.secretAccessKey(secretAccessKey)
			.buildReactive()) {
			// blocks here, before the client is closed; in WebFlux, return the Mono
			return hub.run(Map.of("shots", 100)).flatMap(ReactiveHubServiceExecution::waitForFinalState).block();
		}
		// end::build-reactive[]
	}

}
