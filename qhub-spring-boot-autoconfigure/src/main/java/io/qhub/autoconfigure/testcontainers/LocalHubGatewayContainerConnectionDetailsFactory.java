package io.qhub.autoconfigure.testcontainers;

import io.qhub.autoconfigure.HubServiceConnectionDetails;
import io.qhub.test.testcontainers.LocalHubGatewayContainer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Turns a {@code @ServiceConnection} {@link LocalHubGatewayContainer} into {@link HubServiceConnectionDetails}: the
 * default client then talks to the container (its mapped port, token endpoint and key pair). Inert unless
 * Testcontainers, Spring Boot's Testcontainers support and {@code qhub-spring-boot-test} are on the class path.
 */
class LocalHubGatewayContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<LocalHubGatewayContainer, HubServiceConnectionDetails> {

	LocalHubGatewayContainerConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "io.qhub.test.testcontainers.LocalHubGatewayContainer");
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
