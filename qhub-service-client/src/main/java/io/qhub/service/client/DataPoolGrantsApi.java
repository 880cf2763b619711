package io.qhub.service.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qhub.service.client.internal.GatewayExchange;
import io.qhub.service.client.internal.GatewayJson;
import io.qhub.service.datapool.DataPoolPermission;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The platform's data-pool grant endpoint: the Java counterpart of the Python SDK's
 * {@code HubPlatformClient.data_pool_grants}. The wire shape is NOT confirmed by any public specification; this is
 * the best reading of the official SDK's documentation, kept in this one class so it can change in one place:
 * {@code POST {platform}/data-pool-grants} with JSON {@code {"datapoolId", "applicationId", "permission"}}, headers
 * {@code X-Auth-Token} (and {@code X-OrganizationId} when set), answer 2xx with the JWT in the {@code token}
 * field.
 */
public final class DataPoolGrantsApi {

	static final String CREATE_GRANT = "POST /data-pool-grants";

	private final WebClient webClient;

	private final URI grantsUri;

	private final GatewayJson json;

	private final GatewayExchange exchange;

	DataPoolGrantsApi(WebClient webClient, URI grantsUri, GatewayJson json, GatewayExchange exchange) {
		this.webClient = webClient;
		this.grantsUri = grantsUri;
		this.json = json;
		this.exchange = exchange;
	}

	/**
	 * Requests a grant JWT.
	 * @param datapoolId the data pool
	 * @param applicationId the application
	 * @param permission what the grant allows
	 * @return the JWT
	 */
	public Mono<String> createGrant(String datapoolId, String applicationId, DataPoolPermission permission) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("datapoolId", datapoolId);
		body.put("applicationId", applicationId);
		body.put("permission", permission.name());
		return this.exchange.json(CREATE_GRANT,
				this.webClient.post()
					.uri(this.grantsUri)
					.accept(MediaType.APPLICATION_JSON)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(this.json.write(body)),
				(response) -> token(this.json.readObject(response)));
	}

	private static String token(Map<String, ?> response) {
		if (response.get("token") instanceof String token && !token.isBlank()) {
			return token;
		}
		throw new IllegalStateException("the response has no 'token' field (fields: " + response.keySet() + ")");
	}

	@Override
	public String toString() {
		return "DataPoolGrantsApi[" + this.grantsUri + "]";
	}

}
