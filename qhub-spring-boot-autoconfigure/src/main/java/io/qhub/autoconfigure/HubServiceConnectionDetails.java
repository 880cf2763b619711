package io.qhub.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where a service is and how to authenticate to it, as Spring Boot's
 * {@link ConnectionDetails}: the one source of the endpoint, the token endpoint and the
 * key pair of every auto-configured client. Read from the properties by default
 * ({@code qhub.service.*}, and for each {@code qhub.services.<name>} its own keys over
 * the inherited ones); a bean of this type (for example one that a Testcontainers
 * {@code @ServiceConnection} on a {@code LocalHubGatewayContainer} contributes) takes the
 * place of the default service's, so a test can point the client at a container without
 * touching properties. Every other setting (timeouts, polling, TLS) still comes from the
 * properties.
 */
public interface HubServiceConnectionDetails extends ConnectionDetails {

	/**
	 * The service endpoint, e.g.
	 * {@code https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0}.
	 * @return the URL
	 */
	String getServiceEndpoint();

	/**
	 * The OAuth2 token endpoint.
	 * @return the URL, or {@code null} for the client's default (derived from the service
	 * endpoint)
	 */
	default @Nullable String getTokenEndpoint() {
		return null;
	}

	/**
	 * The access key id.
	 * @return the id, or {@code null} with the secret for a gateway that does not check
	 * tokens
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
