package io.qhub.docs.client;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.test.junit.LocalHubGatewayExtension;

/**
 * A client builder pointed at a test's local gateway, with the key pair its extensions
 * use.
 */
final class Clients {

	static final String ACCESS_KEY_ID = "docs-id";

	static final String SECRET_ACCESS_KEY = "docs-secret";

	private Clients() {
	}

	static LocalHubGatewayExtension.Builder gateway() {
		return LocalHubGatewayExtension.newInstance().accessKey(ACCESS_KEY_ID, SECRET_ACCESS_KEY);
	}

	static HubServiceClientBuilder builder(LocalHubGatewayExtension gateway) {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
			.accessKeyId(ACCESS_KEY_ID)
			.secretAccessKey(SECRET_ACCESS_KEY);
	}

}
