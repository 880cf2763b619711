package io.qhub.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the default service ({@code qhub.service.*}) is and how to authenticate to it, as Spring Boot's
 * {@link ConnectionDetails}: by default read from the properties; a bean of this type (for example one that a
 * Testcontainers {@code @ServiceConnection} on a {@code LocalHubGatewayContainer} contributes) takes their place, so a
 * test can point the client at a container without touching properties. Every other {@code qhub.service.*} setting
 * (timeouts, polling, TLS) still comes from the properties.
 */
public interface HubServiceConnectionDetails extends ConnectionDetails {

	/**
	 * The service endpoint, e.g. {@code https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0}.
	 * @return the URL
	 */
	String getServiceEndpoint();

	/**
	 * The OAuth2 token endpoint.
	 * @return the URL, or {@code null} for the client's default (derived from the service endpoint)
	 */
	default @Nullable String getTokenEndpoint() {
		return null;
	}

	/**
	 * The access key id.
	 * @return the id, or {@code null} with the secret for a gateway that does not check tokens
	 */
	default @Nullable String getAccessKeyId() {
		return null;
	}

	/**
	 * The secret access key.
	 * @return the secret, or {@code null}
	 */
	default @Nullable String getSecretAccessKey() {
		return null;
	}

}
