package io.qhub.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** {@link HubServiceConnectionDetails} read from {@code qhub.service.*}. */
final class PropertiesHubServiceConnectionDetails implements HubServiceConnectionDetails {

	private final ServiceProperties service;

	PropertiesHubServiceConnectionDetails(ServiceProperties service) {
		this.service = service;
	}

	@Override
	public String getServiceEndpoint() {
		return Objects.requireNonNullElse(this.service.getEndpoint(), "");
	}

	@Override
	public @Nullable String getTokenEndpoint() {
		return this.service.getTokenEndpoint();
	}

	@Override
	public @Nullable String getAccessKeyId() {
		return this.service.getAccessKeyId();
	}

	@Override
	public @Nullable String getSecretAccessKey() {
		return this.service.getSecretAccessKey();
	}

	@Override
	public String toString() {
		return "PropertiesHubServiceConnectionDetails[endpoint=" + this.service.getEndpoint() + "]";
	}

}
