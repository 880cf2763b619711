package io.qhub.benchmarks;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.qhub.test.gateway.GatewayOperation;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpMethod;

/**
 * Counts the requests a client sends, by gateway operation, on the wire (each transport
 * retry counts, as at the gateway), through the client's {@code HttpClient} hook. Used
 * where the gateway's own counts are not available: an external gateway, or a child JVM.
 * Thread-safe.
 */
public final class CallCounter implements UnaryOperator<HttpClient> {

	private final String servicePath;

	private final String tokenEndpoint;

	private final Map<GatewayOperation, AtomicLong> counts = new EnumMap<>(GatewayOperation.class);

	/**
	 * Creates a counter for one service.
	 * @param serviceEndpoint the service endpoint URL
	 * @param tokenEndpoint the token endpoint URL
	 */
	public CallCounter(String serviceEndpoint, String tokenEndpoint) {
		String path = URI.create(serviceEndpoint).getRawPath();
		this.servicePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		this.tokenEndpoint = tokenEndpoint;
		for (GatewayOperation operation : GatewayOperation.values()) {
			this.counts.put(operation, new AtomicLong());
		}
	}

	@Override
	public HttpClient apply(HttpClient client) {
		return client.doOnRequest((request, connection) -> {
			URI url = URI.create(request.resourceUrl());
			count(classify(HttpMethod.valueOf(request.method().name()), url)).incrementAndGet();
		});
	}

	private AtomicLong count(GatewayOperation operation) {
		return Objects.requireNonNull(this.counts.get(operation), "every operation has a count");
	}

	GatewayOperation classify(HttpMethod method, URI url) {
		if (url.toString().startsWith(this.tokenEndpoint)) {
			return GatewayOperation.TOKEN;
		}
		String path = url.getRawPath();
		if (!path.startsWith(this.servicePath)) {
			return GatewayOperation.UNMATCHED;
		}
		String rest = path.substring(this.servicePath.length());
		if (rest.isEmpty() || rest.equals("/")) {
			return HttpMethod.POST.equals(method) ? GatewayOperation.START_EXECUTION
					: GatewayOperation.GET_SERVICE_EXECUTIONS;
		}
		String[] segments = rest.substring(1).split("/");
		if (segments.length == 1) {
			return GatewayOperation.GET_STATUS;
		}
		return switch (segments[1]) {
			case "result" -> (segments.length == 2) ? GatewayOperation.GET_RESULT : GatewayOperation.GET_RESULT_FILE;
			case "log" -> GatewayOperation.GET_LOGS;
			case "cancel" -> GatewayOperation.CANCEL_EXECUTION;
			default -> GatewayOperation.UNMATCHED;
		};
	}

	/**
	 * Calls so far, by operation.
	 * @return the counts
	 */
	public Map<GatewayOperation, Long> counts() {
		Map<GatewayOperation, Long> snapshot = new LinkedHashMap<>();
		this.counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
		return snapshot;
	}

	/** Sets every count to zero. */
	public void reset() {
		this.counts.values().forEach((count) -> count.set(0));
	}

}
