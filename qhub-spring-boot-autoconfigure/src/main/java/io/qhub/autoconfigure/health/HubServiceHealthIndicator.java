package io.qhub.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubClientException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubTokenException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the configured Hub services. For each client it checks only that a gateway token can be obtained:
 * a cached, still valid token answers without any network call, otherwise one token request is made. It never
 * lists, starts or cancels executions, so it costs no service time and changes nothing. A client without a key
 * pair (a local gateway) is reported UP with {@code auth: anonymous}, unchecked. Details show each service's
 * endpoint and auth mode, and for a failure the OAuth2 error code; never a key or token.
 */
public final class HubServiceHealthIndicator extends AbstractHealthIndicator {

	private final HubServiceClients clients;

	/**
	 * Creates the indicator.
	 * @param clients the clients to check
	 */
	public HubServiceHealthIndicator(HubServiceClients clients) {
		super("Kipu Quantum Hub health check failed");
		this.clients = clients;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allUp = true;
		for (Map.Entry<String, HubServiceClient> entry : this.clients.asMap().entrySet()) {
			Map<String, Object> details = new LinkedHashMap<>();
			HubServiceClient client = entry.getValue();
			details.put("endpoint", client.serviceEndpoint());
			details.put("auth", client.isAnonymous() ? "anonymous" : "oauth2");
			try {
				client.checkCredentials();
				details.put("status", "UP");
			}
			catch (HubTokenException ex) {
				allUp = false;
				details.put("status", "DOWN");
				details.put("error", ex.errorCode().orElse("token request failed"));
			}
			catch (HubClientException ex) {
				allUp = false;
				details.put("status", "DOWN");
				details.put("error", ex.getClass().getSimpleName());
			}
			builder.withDetail(entry.getKey(), details);
		}
		if (allUp) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
