package io.qhub.autoconfigure.health;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.HubTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the configured Hub services. Each probe asks every client's token endpoint
 * for a token ({@link io.qhub.service.client.ReactiveHubServiceClient#probe(Duration)}):
 * one request per service, all at once, no retry, each within the probe timeout, so an
 * unreachable endpoint is DOWN as soon as the connection is refused and a hanging one
 * after the timeout. It never lists, starts or cancels executions. A client without a key
 * pair (a local gateway) is UP with {@code auth: anonymous}, unchecked. Details show each
 * service's endpoint, auth mode and status and, when DOWN, the {@code reason}
 * ({@code unreachable}, {@code timeout}, {@code tls}, the OAuth2 error code such as
 * {@code invalid_client}, or {@code http_<status>}) and the client's message; never a key
 * or token. A change of a service's state is logged once (WARN when it goes DOWN, INFO
 * when it is UP again), not every probe.
 */
public final class HubServiceHealthIndicator implements HealthIndicator {

	private static final Log logger = LogFactory.getLog(HubServiceHealthIndicator.class);

	private final HubServiceClients clients;

	private final Duration timeout;

	private final Map<String, String> lastStates = new ConcurrentHashMap<>();

	/**
	 * Creates the indicator.
	 * @param clients the clients to check
	 * @param timeout the longest time a probe of one service takes
	 */
	public HubServiceHealthIndicator(HubServiceClients clients, Duration timeout) {
		this.clients = clients;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		List<Map.Entry<String, HubServiceClient>> services = List.copyOf(this.clients.asMap().entrySet());
		List<Map<String, Object>> results = Flux.fromIterable(services)
			.flatMapSequential((service) -> probe(service.getKey(), service.getValue()))
			.collectList()
			.block(this.timeout.multipliedBy(2));
		Health.Builder builder = Health.up();
		for (Map<String, Object> details : Objects.requireNonNull(results)) {
			String name = Objects.requireNonNull((String) details.remove("service"), "every probe names its service");
			if ("DOWN".equals(details.get("status"))) {
				builder.down();
			}
			builder.withDetail(name, details);
		}
		return builder.build();
	}

	private Mono<Map<String, Object>> probe(String name, HubServiceClient client) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("service", name);
		details.put("endpoint", client.serviceEndpoint());
		details.put("auth", client.isAnonymous() ? "anonymous" : "oauth2");
		return client.reactive().probe(this.timeout).then(Mono.fromCallable(() -> {
			details.put("status", "UP");
			changed(name, "UP", null);
			return details;
		})).onErrorResume((ex) -> {
			String reason = reason(ex);
			details.put("status", "DOWN");
			details.put("reason", reason);
			details.put("error", String.valueOf(ex.getMessage()));
			changed(name, "DOWN (" + reason + ")", ex);
			return Mono.just(details);
		});
	}

	private void changed(String name, String state, @Nullable Throwable failure) {
		String previous = this.lastStates.put(name, state);
		if (state.equals(previous)) {
			return;
		}
		if (failure != null) {
			logger.warn("Kipu Quantum Hub service '" + name + "' is " + state + ": " + failure.getMessage());
		}
		else if (previous != null) {
			logger.info("Kipu Quantum Hub service '" + name + "' is UP again (was " + previous + ")");
		}
	}

	/**
	 * Why a probe failed, in one word a monitoring rule can match.
	 * @param failure the probe's failure
	 * @return the reason, e.g. {@code unreachable} or {@code http_503}
	 */
	static String reason(Throwable failure) {
		if (failure instanceof HubTokenException token) {
			String code = token.errorCode().orElse(null);
			if (token.statusCode() >= 500 || code == null || code.equals("invalid_token_response")) {
				return "http_" + token.statusCode();
			}
			return code;
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException) {
				return "unreachable";
			}
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().endsWith("TimeoutException")) {
				return "timeout";
			}
			if (cause instanceof SSLException) {
				return "tls";
			}
		}
		return "failed";
	}

}
