package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClientBuilder;

/**
 * Adjusts the builder of every auto-configured client (the default one and each named
 * one) after the connection details and properties are applied and before it is built: a
 * proxy or TLS through {@link HubServiceClientBuilder#httpClient}, another polling
 * policy, a key pair from a vault. The one extension point of the auto-configuration.
 * Declare beans of this type; they are applied in {@code @Order}. The platform client
 * talks HTTP with the transport settings the customizers give the {@code default}
 * service.
 */
@FunctionalInterface
public interface HubServiceClientCustomizer {

	/**
	 * Customizes one client's builder.
	 * @param name the service name: {@code "default"} for {@code qhub.service}, else the
	 * key under {@code qhub.services}
	 * @param builder the builder, already configured from the connection details and
	 * properties, its {@code serviceName} set to {@code name}
	 */
	void customize(String name, HubServiceClientBuilder builder);

}
