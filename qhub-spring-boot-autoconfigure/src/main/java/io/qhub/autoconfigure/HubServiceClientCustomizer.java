package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClient;

/**
 * Adjusts the builder of every auto-configured {@link HubServiceClient} (the default one and each named one)
 * before it is built: a proxy or SSL connector through {@code webClientCustomizer}, extra WebClient filters,
 * another polling policy. Declare beans of this type; they are applied in {@code @Order}.
 */
@FunctionalInterface
public interface HubServiceClientCustomizer {

	/**
	 * Customizes one client's builder.
	 * @param name the service name: {@code "default"} for {@code qhub.service}, else the key under
	 * {@code qhub.services}
	 * @param builder the builder, already configured from the properties
	 */
	void customize(String name, HubServiceClient.Builder builder);

}
