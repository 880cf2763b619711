package io.qhub.test.testcontainers;

import io.qhub.autoconfigure.HubServiceConnectionDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Turns a {@code @ServiceConnection} {@link LocalHubGatewayContainer} into
 * {@link HubServiceConnectionDetails}: the default client then talks to the container
 * (its mapped port, token endpoint and key pair). Inert unless Spring Boot's
 * Testcontainers support and {@code qhub-spring-boot-autoconfigure} are on the class
 * path. Registered in {@code META-INF/spring.factories}.
 */
class LocalHubGatewayContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<LocalHubGatewayContainer, HubServiceConnectionDetails> {

	LocalHubGatewayContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "io.qhub.autoconfigure.HubServiceConnectionDetails");
	}

	@Override
	protected HubServiceConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<LocalHubGatewayContainer> source) {
		return new LocalHubGatewayContainerConnectionDetails(source);
	}

	private static final class LocalHubGatewayContainerConnectionDetails
			extends ContainerConnectionDetails<LocalHubGatewayContainer> implements HubServiceConnectionDetails {

		LocalHubGatewayContainerConnectionDetails(ContainerConnectionSource<LocalHubGatewayContainer> source) {
			super(source);
		}

		@Override
		public String getServiceEndpoint() {
			return getContainer().serviceEndpoint();
		}

		@Override
		public @Nullable String getTokenEndpoint() {
			return getContainer().tokenEndpoint();
		}

		@Override
		public @Nullable String getAccessKeyId() {
			return getContainer().accessKeyId();
		}

		@Override
		public @Nullable String getSecretAccessKey() {
			return getContainer().secretAccessKey();
		}

	}

}
