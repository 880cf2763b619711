package io.qhub.test.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What a {@link LocalHubGateway} saw and did: every request (credentials redacted), calls
 * per operation, answers by status code and the faults injected.
 */
final class Recorder {

	private static final String REDACTED = "<redacted>";

	private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

	private final Map<GatewayOperation, AtomicLong> counts = new EnumMap<>(GatewayOperation.class);

	private final Map<GatewayOperation, Map<Integer, AtomicLong>> answers = new EnumMap<>(GatewayOperation.class);

	private final Queue<InjectedFault> injectedFaults = new ConcurrentLinkedQueue<>();

	Recorder() {
		for (GatewayOperation operation : GatewayOperation.values()) {
			this.counts.put(operation, new AtomicLong());
			this.answers.put(operation, new ConcurrentHashMap<>());
		}
	}

	/**
	 * Records and counts a request, with its {@code Authorization} and
	 * {@code X-Auth-Token} headers and a token request's body redacted.
	 * @param operation the operation
	 * @param request the request
	 * @param rawPath its path, as sent
	 * @param body its body
	 */
	void request(GatewayOperation operation, HttpServerRequest request, String rawPath, byte[] body) {
		count(operation).incrementAndGet();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders().forEach((header) -> {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			boolean secret = name.equals(HttpHeaderNames.AUTHORIZATION.toString()) || name.equals("x-auth-token");
			headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(secret ? REDACTED : header.getValue());
		});
		String text = (operation == GatewayOperation.TOKEN) ? REDACTED : new String(body, StandardCharsets.UTF_8);
		this.requests.add(new RecordedRequest(operation, request.method().name(), rawPath, headers, text));
	}

	/**
	 * Counts an answer.
	 * @param operation the operation answered
	 * @param status the status sent
	 */
	void answer(GatewayOperation operation, int status) {
		answers(operation).computeIfAbsent(status, (code) -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * Records a fault injected into one call.
	 * @param fault the fault
	 */
	void fault(InjectedFault fault) {
		this.injectedFaults.add(fault);
	}

	List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	List<RecordedRequest> requests(GatewayOperation operation) {
		return this.requests.stream().filter((request) -> request.operation() == operation).toList();
	}

	long callCount(GatewayOperation operation) {
		return count(operation).get();
	}

	Map<GatewayOperation, Long> callCounts() {
		Map<GatewayOperation, Long> snapshot = new LinkedHashMap<>();
		this.counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
		return snapshot;
	}

	List<InjectedFault> injectedFaults(GatewayOperation operation) {
		return this.injectedFaults.stream().filter((fault) -> fault.operation() == operation).toList();
	}

	long injectedFaultCount(GatewayOperation operation) {
		return this.injectedFaults.stream().filter((fault) -> fault.operation() == operation).count();
	}

	Map<GatewayOperation, Long> injectedFaultCounts() {
		Map<GatewayOperation, Long> snapshot = new LinkedHashMap<>();
		for (GatewayOperation operation : GatewayOperation.values()) {
			snapshot.put(operation, 0L);
		}
		this.injectedFaults.forEach((fault) -> snapshot.merge(fault.operation(), 1L, Long::sum));
		return snapshot;
	}

	Map<Integer, Long> answeredStatuses(GatewayOperation operation) {
		Map<Integer, Long> snapshot = new TreeMap<>();
		answers(operation).forEach((status, count) -> snapshot.put(status, count.get()));
		return snapshot;
	}

	private AtomicLong count(GatewayOperation operation) {
		return Objects.requireNonNull(this.counts.get(operation), "every operation has a count");
	}

	private Map<Integer, AtomicLong> answers(GatewayOperation operation) {
		return Objects.requireNonNull(this.answers.get(operation), "every operation has its answers");
	}

	/** Forgets requests, counts, answers and injected faults. */
	void reset() {
		this.requests.clear();
		this.counts.values().forEach((count) -> count.set(0));
		this.answers.values().forEach(Map::clear);
		this.injectedFaults.clear();
	}

}
