package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubServiceConnectionDetails}: read from {@code qhub.service.*} by default,
 * replaced by a bean of the application (or a Testcontainers service connection), which
 * then decides where the default client connects even without
 * {@code qhub.service.endpoint}; the other properties still apply.
 */
class HubServiceConnectionDetailsTests {

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("details-id", "details-secret");

	@Test
	void thePropertiesAreTheDefaultConnectionDetails() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=https://gateway.hub.kipu-quantum.com/a/b/1")
			.run((context) -> assertThat(context).hasSingleBean(PropertiesHubServiceConnectionDetails.class)
				.getBean(HubServiceConnectionDetails.class)
				.extracting(HubServiceConnectionDetails::getServiceEndpoint)
				.isEqualTo("https://gateway.hub.kipu-quantum.com/a/b/1"));
	}

	@Test
	void noClientWithoutEndpointOrConnectionDetails() {
		this.hub.runner()
			.run((context) -> assertThat(context).doesNotHaveBean(HubServiceConnectionDetails.class)
				.doesNotHaveBean(HubServiceClient.class));
	}

	@Test
	void aConnectionDetailsBeanConnectsTheDefaultClientWithoutAnyEndpointProperty() {
		this.hub.runner()
			.withPropertyValues("qhub.service.call-timeout=7s")
			.withBean(HubServiceConnectionDetails.class, () -> details(this.hub.gateway()))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesHubServiceConnectionDetails.class);
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.serviceEndpoint()).isEqualTo(this.hub.gateway().serviceEndpoint());
				assertThat(client.isAnonymous()).isFalse();
				assertThat(client.getServiceExecutions()).isEmpty();
				assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			});
	}

	@Test
	void aConnectionDetailsBeanWinsOverTheProperties() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=https://gateway.hub.kipu-quantum.com/a/b/1",
					"qhub.service.access-key-id=wrong", "qhub.service.secret-access-key=wrong")
			.withBean(HubServiceConnectionDetails.class, () -> details(this.hub.gateway()))
			.run((context) -> {
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.serviceEndpoint()).isEqualTo(this.hub.gateway().serviceEndpoint());
				assertThat(client.getServiceExecutions()).isEmpty();
			});
	}

	private static HubServiceConnectionDetails details(LocalHubGateway gateway) {
		return new HubServiceConnectionDetails() {

			@Override
			public String getServiceEndpoint() {
				return gateway.serviceEndpoint();
			}

			@Override
			public @Nullable String getTokenEndpoint() {
				return gateway.tokenEndpoint();
			}

			@Override
			public @Nullable String getAccessKeyId() {
				return "details-id";
			}

			@Override
			public @Nullable String getSecretAccessKey() {
				return "details-secret";
			}

		};
	}

}
