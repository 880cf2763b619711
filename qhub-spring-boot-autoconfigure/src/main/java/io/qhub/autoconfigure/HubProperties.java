package io.qhub.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the Kipu Quantum Hub client: {@code qhub.enabled}, the default service
 * ({@code qhub.service.*}), further named services ({@code qhub.services.<name>.*}) and
 * the platform ({@code qhub.platform.*}). Bound once, as Spring Boot binds its HTTP
 * service clients: each named service keeps only the keys it sets, and inherits the
 * others from {@code qhub.service.*} when its client is built.
 */
@ConfigurationProperties("qhub")
public class HubProperties {

	/**
	 * Whether the Kipu Quantum Hub client auto-configuration is enabled.
	 */
	private boolean enabled = true;

	/**
	 * The default subscribed service, injected as the primary HubServiceClient.
	 */
	@NestedConfigurationProperty
	private final ServiceProperties service = new ServiceProperties();

	/**
	 * Further subscribed services by name, each injectable with @Qualifier("name"); keys
	 * left unset inherit from qhub.service.
	 */
	private final Map<String, ServiceProperties> services = new LinkedHashMap<>();

	/**
	 * Hub Platform API access, for data-pool grants.
	 */
	@NestedConfigurationProperty
	private final PlatformProperties platform = new PlatformProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ServiceProperties getService() {
		return this.service;
	}

	public Map<String, ServiceProperties> getServices() {
		return this.services;
	}

	public PlatformProperties getPlatform() {
		return this.platform;
	}

	@Override
	public String toString() {
		return "HubProperties[enabled=" + this.enabled + ", service=" + this.service + ", services=" + this.services
				+ ", platform=" + this.platform + "]";
	}

}
