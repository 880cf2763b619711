package io.qhub.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubServiceClientCustomizer}, the one extension point: applied in order to the
 * builder of every client, with the client's name.
 */
class HubServiceClientCustomizerTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private static final String OTHER_ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/optimizer/2.0.0";

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	@Test
	void customizersAreAppliedToEveryClientWithItsName() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.simulator.endpoint=" + ENDPOINT)
			.withUserConfiguration(RecordingCustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(HubServiceClients.class);
				RecordingCustomizerConfiguration config = context.getBean(RecordingCustomizerConfiguration.class);
				assertThat(config.calls).containsExactlyInAnyOrder("first:default", "second:default", "first:optimizer",
						"second:optimizer", "first:simulator", "second:simulator");
				for (String name : List.of("default", "optimizer", "simulator")) {
					assertThat(config.calls).containsSubsequence("first:" + name, "second:" + name);
				}
			});
	}

	@Test
	void customizerChangesTheBuiltClient() {
		// the customizer adds the key pair the properties lack: the client is no longer
		// anonymous and gets tokens
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
					"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint())
			.withBean(HubServiceClientCustomizer.class,
					() -> (name, builder) -> builder.accessKeyId("id").secretAccessKey("secret"))
			.run((context) -> {
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.isAnonymous()).isFalse();
				client.checkCredentials();
				assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingCustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		HubServiceClientCustomizer secondCustomizer() {
			return (name, builder) -> this.calls.add("second:" + name);
		}

		@Bean
		@Order(1)
		HubServiceClientCustomizer firstCustomizer() {
			return (name, builder) -> this.calls.add("first:" + name);
		}

	}

}
