package io.qhub.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * {@link HubServiceConnectionDetails} read from a service's properties:
 * {@code qhub.service.*} for the default service, {@code qhub.services.<name>.*} for a
 * named one, which inherits each key it leaves unset from {@code qhub.service.*}.
 */
final class PropertiesHubServiceConnectionDetails implements HubServiceConnectionDetails {

	private static final ServiceProperties NONE = new ServiceProperties();

	private final ServiceProperties service;

	private final ServiceProperties inherited;

	/**
	 * Details of the default service.
	 * @param service {@code qhub.service}
	 */
	PropertiesHubServiceConnectionDetails(ServiceProperties service) {
		this(service, NONE);
	}

	/**
	 * Details of a named service.
	 * @param service {@code qhub.services.<name>}
	 * @param inherited {@code qhub.service}, whose keys apply where the service leaves
	 * them unset
	 */
	PropertiesHubServiceConnectionDetails(ServiceProperties service, ServiceProperties inherited) {
		this.service = service;
		this.inherited = inherited;
	}

	@Override
	public String getServiceEndpoint() {
		return Objects.requireNonNullElse(either(this.service.getEndpoint(), this.inherited.getEndpoint()), "");
	}

	@Override
	public @Nullable String getTokenEndpoint() {
		return either(this.service.getTokenEndpoint(), this.inherited.getTokenEndpoint());
	}

	@Override
	public @Nullable String getAccessKeyId() {
		return either(this.service.getAccessKeyId(), this.inherited.getAccessKeyId());
	}

	@Override
	public @Nullable String getSecretAccessKey() {
		return either(this.service.getSecretAccessKey(), this.inherited.getSecretAccessKey());
	}

	private static @Nullable String either(@Nullable String own, @Nullable String inherited) {
		return (own != null) ? own : inherited;
	}

	@Override
	public String toString() {
		return "PropertiesHubServiceConnectionDetails[endpoint=" + getServiceEndpoint() + "]";
	}

}
