package io.qhub.autoconfigure;

import io.qhub.service.datapool.HubPlatformClient;
import org.jspecify.annotations.Nullable;

/** Hub Platform API access for data-pool grants: {@code qhub.platform.*}. */
public class PlatformProperties {

	/**
	 * Personal access token (API key) for the Hub Platform API, needed to acquire
	 * data-pool grants. The HubPlatformClient bean exists only when this has text. Masked
	 * by the actuator.
	 */
	private @Nullable String apiKey;

	/**
	 * Organization the platform calls act for (X-OrganizationId); unset means the
	 * personal account, or the organization found by KQH_ORGANIZATION_ID or the Hub CLI
	 * context.
	 */
	private @Nullable String organizationId;

	/**
	 * Hub Platform API endpoint.
	 */
	private String endpoint = HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT;

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getOrganizationId() {
		return this.organizationId;
	}

	public void setOrganizationId(@Nullable String organizationId) {
		this.organizationId = organizationId;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(String endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public String toString() {
		return "PlatformProperties[apiKey=" + ((this.apiKey != null) ? "******" : "null") + ", organizationId="
				+ this.organizationId + ", endpoint=" + this.endpoint + "]";
	}

}
