package io.qhub.test.gateway;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A local Kipu Quantum Hub gateway: a real HTTP server on loopback speaking the service
 * API of the gateway's OpenAPI template (list, start with 201 + {@code Location}, status,
 * result with {@code _links}/{@code _embedded}, result files, {@code /log}, {@code PUT}
 * cancel, 404 for unknown ids), an OAuth2 client-credentials token endpoint and the
 * platform's {@code data-pool-grants} endpoint. Executions follow a scripted timing
 * (PENDING, then RUNNING, then the {@link ServiceHandler}'s outcome); faults can be
 * injected per operation, or at random into a share of all calls
 * ({@link LocalHubGatewayBuilder#faultRate(double, long)}); every request is recorded
 * (credentials redacted) and counted, and so is every fault injected.
 *
 * <pre>{@code
 * try (LocalHubGateway gateway = LocalHubGateway.builder().accessKey("id", "secret").start()) {
 *     HubServiceClient client = HubServiceClient.builder()
 *         .serviceEndpoint(gateway.serviceEndpoint())
 *         .tokenEndpoint(gateway.tokenEndpoint())
 *         .accessKeyId("id").secretAccessKey("secret")
 *         .build();
 * }
 * }</pre>
 */
public final class LocalHubGateway implements AutoCloseable {

	/** Path of the OAuth2 token endpoint. */
	public static final String TOKEN_PATH = "/token";

	/** Path prefix of the platform API ({@code /platform/data-pool-grants}). */
	public static final String PLATFORM_PATH = "/platform";

	private final String servicePath;

	private final @Nullable GatewayCertificate certificate;

	private final Clock clock;

	private final GatewayAccess access;

	private final GatewayState state;

	private final FaultPlan faults;

	private final Recorder recorder = new Recorder();

	private final GatewayRoutes routes;

	private final GatewayServer server;

	LocalHubGateway(String host, int port, String servicePath, @Nullable GatewayCertificate certificate, Clock clock,
			GatewayAccess access, GatewayState state, FaultPlan faults) {
		this.servicePath = servicePath;
		this.certificate = certificate;
		this.clock = clock;
		this.access = access;
		this.state = state;
		this.faults = faults;
		this.routes = new GatewayRoutes(servicePath, this::serviceEndpoint, clock, access, state, faults,
				this.recorder);
		this.server = new GatewayServer(host, port, certificate, this.routes);
	}

	/**
	 * Starts configuring a gateway.
	 * @return a new builder
	 */
	public static LocalHubGatewayBuilder builder() {
		return new LocalHubGatewayBuilder();
	}

	/**
	 * The port the gateway listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * The certificate the gateway serves HTTPS with.
	 * @return the certificate, empty when the gateway serves plain HTTP
	 */
	public Optional<GatewayCertificate> certificate() {
		return Optional.ofNullable(this.certificate);
	}

	/**
	 * The service endpoint to give a client, e.g.
	 * {@code http://127.0.0.1:41234/local/echo/1.0.0}.
	 * @return the service endpoint URL
	 */
	public String serviceEndpoint() {
		return this.server.baseUrl() + this.servicePath;
	}

	/**
	 * The OAuth2 token endpoint.
	 * @return the token endpoint URL
	 */
	public String tokenEndpoint() {
		return this.server.baseUrl() + TOKEN_PATH;
	}

	/**
	 * The platform API endpoint (grants are at {@code <this>/data-pool-grants}).
	 * @return the platform endpoint URL
	 */
	public String platformEndpoint() {
		return this.server.baseUrl() + PLATFORM_PATH;
	}

	/**
	 * Injects a fault into the next calls of one operation.
	 * @param fault the fault
	 * @return this gateway
	 */
	public LocalHubGateway inject(InjectedFault fault) {
		this.faults.add(fault);
		return this;
	}

	/**
	 * Drops every injected fault that has not fired yet.
	 * @return this gateway
	 */
	public LocalHubGateway clearFaults() {
		this.faults.clear();
		return this;
	}

	/**
	 * Revokes every token issued so far, as if the gateway had restarted: the next call
	 * with one gets 401.
	 */
	public void revokeTokens() {
		this.access.tokens().revokeAll();
	}

	/**
	 * Every token the token endpoint has issued, revoked ones included: for tests that
	 * check a token never shows up where it must not (logs, messages).
	 * @return the token values
	 */
	public Set<String> issuedTokens() {
		return this.access.tokens().issued();
	}

	/**
	 * How many calls of an operation the gateway received (including faulted ones).
	 * @param operation the operation
	 * @return the count
	 */
	public long callCount(GatewayOperation operation) {
		return this.recorder.callCount(operation);
	}

	/**
	 * Calls of every operation, in enum order.
	 * @return counts by operation
	 */
	public Map<GatewayOperation, Long> callCounts() {
		return this.recorder.callCounts();
	}

	/**
	 * Every request received, oldest first, with credentials redacted.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return this.recorder.requests();
	}

	/**
	 * Requests of one operation, oldest first.
	 * @param operation the operation
	 * @return the requests
	 */
	public List<RecordedRequest> requests(GatewayOperation operation) {
		return this.recorder.requests(operation);
	}

	/**
	 * Faults injected into calls of an operation so far, oldest first: those given to
	 * {@link #inject(InjectedFault)} as they fired (one entry per call affected) and
	 * those picked by the {@linkplain LocalHubGatewayBuilder#faultRate(double, long)
	 * fault rate}.
	 * @param operation the operation
	 * @return the faults, one per call affected
	 */
	public List<InjectedFault> injectedFaults(GatewayOperation operation) {
		return this.recorder.injectedFaults(operation);
	}

	/**
	 * How many calls of an operation a fault was injected into.
	 * @param operation the operation
	 * @return the count
	 */
	public long injectedFaultCount(GatewayOperation operation) {
		return this.recorder.injectedFaultCount(operation);
	}

	/**
	 * How many calls of each operation a fault was injected into, in enum order.
	 * @return counts by operation
	 */
	public Map<GatewayOperation, Long> injectedFaultCounts() {
		return this.recorder.injectedFaultCounts();
	}

	/**
	 * How the calls of an operation were answered: the number of answers by status code
	 * (an injected status counts as the status sent; an answer whose connection was
	 * dropped counts with the status it started with).
	 * @param operation the operation
	 * @return answers by status code, in code order
	 */
	public Map<Integer, Long> answeredStatuses(GatewayOperation operation) {
		return this.recorder.answeredStatuses(operation);
	}

	/**
	 * How many client connections the gateway holds open right now (kept-alive ones
	 * included).
	 * @return the count
	 */
	public int openConnections() {
		return this.server.openConnections();
	}

	/**
	 * Forgets recorded requests, call counts, answered statuses and injected faults
	 * (executions stay).
	 */
	public void resetRecording() {
		this.recorder.reset();
	}

	/**
	 * How many executions were started.
	 * @return the count
	 */
	public int executionCount() {
		return this.state.executionCount();
	}

	/**
	 * The current status of an execution, as the gateway would report it.
	 * @param id the execution id
	 * @return the status, or {@code null} for an unknown id
	 */
	public @Nullable String status(String id) {
		GatewayExecution execution = this.state.execution(id);
		return (execution != null) ? execution.status(this.clock.instant()) : null;
	}

	/**
	 * Stops the server and closes its connections, kept-alive ones included (waiting up
	 * to 5 s for running requests; stalled, trickled and endless answers end at once).
	 */
	@Override
	public void close() {
		this.routes.endOpenAnswers();
		this.server.close();
	}

	@Override
	public String toString() {
		return "LocalHubGateway[" + serviceEndpoint() + (this.access.anonymous() ? ", anonymous" : "") + "]";
	}

}
