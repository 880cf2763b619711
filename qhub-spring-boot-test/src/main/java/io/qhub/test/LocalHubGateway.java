package io.qhub.test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;

import io.netty.channel.ChannelOption;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A local Kipu Quantum Hub gateway: a real HTTP server on loopback speaking the service API of the gateway's
 * OpenAPI template (list, start with 201 + {@code Location}, status, result with {@code _links}/{@code _embedded},
 * result files, {@code /log}, {@code PUT} cancel, 404 for unknown ids), an OAuth2 client-credentials token
 * endpoint and the platform's {@code data-pool-grants} endpoint. Executions follow a scripted timing (PENDING,
 * then RUNNING, then the {@link ServiceHandler}'s outcome); faults can be injected per operation, or at random
 * into a share of all calls ({@link Builder#faultRate(double, long)}); every request is recorded (credentials
 * redacted) and counted, and so is every fault injected.
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

	private static final String REDACTED = "<redacted>";

	private final String servicePath;

	private final boolean anonymous;

	private final @Nullable String platformApiKey;

	private final Duration pending;

	private final Duration run;

	private final ServiceHandler handler;

	private final Clock clock;

	private final TokenIssuer tokens;

	private final GrantIssuer grants;

	private final Map<String, GatewayExecution> executions = new ConcurrentHashMap<>();

	private final Queue<String> executionOrder = new ConcurrentLinkedQueue<>();

	private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

	private final Map<GatewayOperation, AtomicLong> counts = new EnumMap<>(GatewayOperation.class);

	private final Queue<ActiveFault> faults = new ConcurrentLinkedQueue<>();

	private final @Nullable RandomFaults randomFaults;

	private final Queue<InjectedFault> injectedFaults = new ConcurrentLinkedQueue<>();

	private final Map<GatewayOperation, Map<Integer, AtomicLong>> answers = new EnumMap<>(GatewayOperation.class);

	private final DefaultChannelGroup connections;

	private final Sinks.Empty<Void> closed = Sinks.empty();

	private final DisposableServer server;

	private final String baseUrl;

	private final @Nullable GatewayCertificate certificate;

	private LocalHubGateway(Builder builder) {
		this.servicePath = builder.servicePath;
		this.anonymous = builder.anonymous;
		this.platformApiKey = builder.platformApiKey;
		this.pending = builder.pending;
		this.run = builder.run;
		this.handler = builder.handler;
		this.clock = builder.clock;
		this.tokens = new TokenIssuer(builder.keyPairs, builder.tokenTimeToLive, builder.clock);
		this.grants = new GrantIssuer(builder.grantTimeToLive, builder.clock);
		this.randomFaults = (builder.faultRate > 0) ? new RandomFaults(builder.faultRate, builder.faultSeed) : null;
		for (GatewayOperation operation : GatewayOperation.values()) {
			this.counts.put(operation, new AtomicLong());
			this.answers.put(operation, new ConcurrentHashMap<>());
		}
		// tracks open connections, so that close() also ends kept-alive ones (after their running requests)
		this.connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
		this.certificate = builder.certificate;
		HttpServer server = HttpServer.create()
			.channelGroup(this.connections)
			.option(ChannelOption.SO_BACKLOG, 4096)
			.host(builder.host)
			.port(builder.port);
		if (this.certificate != null) {
			KeyManagerFactory keyManagers = this.certificate.keyManagerFactory();
			server = server.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(keyManagers)));
		}
		this.server = server.handle(new GatewayRoutes(this, builder.clock)).bindNow();
		String host = builder.host.equals("0.0.0.0") ? "localhost" : builder.host;
		this.baseUrl = ((this.certificate != null) ? "https://" : "http://") + host + ":" + this.server.port();
	}

	/**
	 * Starts configuring a gateway.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
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
	 * The service endpoint to give a client, e.g. {@code http://127.0.0.1:41234/local/echo/1.0.0}.
	 * @return the service endpoint URL
	 */
	public String serviceEndpoint() {
		return this.baseUrl + this.servicePath;
	}

	/**
	 * The OAuth2 token endpoint.
	 * @return the token endpoint URL
	 */
	public String tokenEndpoint() {
		return this.baseUrl + TOKEN_PATH;
	}

	/**
	 * The platform API endpoint (grants are at {@code <this>/data-pool-grants}).
	 * @return the platform endpoint URL
	 */
	public String platformEndpoint() {
		return this.baseUrl + PLATFORM_PATH;
	}

	/**
	 * Injects a fault into the next calls of one operation.
	 * @param fault the fault
	 * @return this gateway
	 */
	public LocalHubGateway inject(InjectedFault fault) {
		this.faults.add(new ActiveFault(fault));
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
	 * Revokes every token issued so far, as if the gateway had restarted: the next call with one gets 401.
	 */
	public void revokeTokens() {
		this.tokens.revokeAll();
	}

	/**
	 * Every token the token endpoint has issued, revoked ones included: for tests that check a token never
	 * shows up where it must not (logs, messages).
	 * @return the token values
	 */
	public java.util.Set<String> issuedTokens() {
		return this.tokens.issued();
	}

	/**
	 * How many calls of an operation the gateway received (including faulted ones).
	 * @param operation the operation
	 * @return the count
	 */
	public long callCount(GatewayOperation operation) {
		return this.counts.get(operation).get();
	}

	/**
	 * Calls of every operation, in enum order.
	 * @return counts by operation
	 */
	public Map<GatewayOperation, Long> callCounts() {
		Map<GatewayOperation, Long> snapshot = new LinkedHashMap<>();
		this.counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
		return snapshot;
	}

	/**
	 * Every request received, oldest first, with credentials redacted.
	 * @return the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Requests of one operation, oldest first.
	 * @param operation the operation
	 * @return the requests
	 */
	public List<RecordedRequest> requests(GatewayOperation operation) {
		return this.requests.stream().filter((request) -> request.operation() == operation).toList();
	}

	/**
	 * Faults injected into calls of an operation so far, oldest first: those given to {@link #inject(InjectedFault)}
	 * as they fired (one entry per call affected) and those picked by the {@linkplain Builder#faultRate(double, long)
	 * fault rate}.
	 * @param operation the operation
	 * @return the faults, one per call affected
	 */
	public List<InjectedFault> injectedFaults(GatewayOperation operation) {
		return this.injectedFaults.stream().filter((fault) -> fault.operation() == operation).toList();
	}

	/**
	 * How many calls of an operation a fault was injected into.
	 * @param operation the operation
	 * @return the count
	 */
	public long injectedFaultCount(GatewayOperation operation) {
		return this.injectedFaults.stream().filter((fault) -> fault.operation() == operation).count();
	}

	/**
	 * How many calls of each operation a fault was injected into, in enum order.
	 * @return counts by operation
	 */
	public Map<GatewayOperation, Long> injectedFaultCounts() {
		Map<GatewayOperation, Long> snapshot = new LinkedHashMap<>();
		for (GatewayOperation operation : GatewayOperation.values()) {
			snapshot.put(operation, 0L);
		}
		this.injectedFaults.forEach((fault) -> snapshot.merge(fault.operation(), 1L, Long::sum));
		return snapshot;
	}

	/**
	 * How the calls of an operation were answered: the number of answers by status code (an injected status
	 * counts as the status sent; an answer whose connection was dropped counts with the status it started with).
	 * @param operation the operation
	 * @return answers by status code, in code order
	 */
	public Map<Integer, Long> answeredStatuses(GatewayOperation operation) {
		Map<Integer, Long> snapshot = new TreeMap<>();
		this.answers.get(operation).forEach((status, count) -> snapshot.put(status, count.get()));
		return snapshot;
	}

	/**
	 * How many client connections the gateway holds open right now (kept-alive ones included).
	 * @return the count
	 */
	public int openConnections() {
		return this.connections.size();
	}

	/** Forgets recorded requests, call counts, answered statuses and injected faults (executions stay). */
	public void resetRecording() {
		this.requests.clear();
		this.counts.values().forEach((count) -> count.set(0));
		this.answers.values().forEach(Map::clear);
		this.injectedFaults.clear();
	}

	/**
	 * How many executions were started.
	 * @return the count
	 */
	public int executionCount() {
		return this.executions.size();
	}

	/**
	 * The current status of an execution, as the gateway would report it.
	 * @param id the execution id
	 * @return the status, or {@code null} for an unknown id
	 */
	public @Nullable String status(String id) {
		GatewayExecution execution = this.executions.get(id);
		return (execution != null) ? execution.status(this.clock.instant()) : null;
	}

	/**
	 * Stops the server and closes its connections, kept-alive ones included (waiting up to 5 s for running requests;
	 * stalled, trickled and endless answers end at once).
	 */
	@Override
	public void close() {
		this.closed.tryEmitEmpty();
		this.server.disposeNow(Duration.ofSeconds(5));
		this.connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	@Override
	public String toString() {
		return "LocalHubGateway[" + serviceEndpoint() + (this.anonymous ? ", anonymous" : "") + "]";
	}

	/** Fails when the gateway closes: what stalled, trickled and endless answers wait for. */
	Mono<Void> closing() {
		return this.closed.asMono().then(Mono.error(() -> new java.io.IOException("the local gateway closed")));
	}

	String servicePath() {
		return this.servicePath;
	}

	String executionUrl(String id) {
		return serviceEndpoint() + "/" + encode(id);
	}

	String resultFileUrl(String id, String file) {
		return executionUrl(id) + "/result/" + encode(file);
	}

	TokenIssuer tokens() {
		return this.tokens;
	}

	GrantIssuer grants() {
		return this.grants;
	}

	boolean isAuthorized(@Nullable String authorization) {
		if (this.anonymous) {
			return true;
		}
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& this.tokens.isValid(authorization.substring(7).trim());
	}

	boolean isPlatformKey(@Nullable String apiKey) {
		return this.platformApiKey != null && this.platformApiKey.equals(apiKey);
	}

	GatewayExecution start(String id, Map<String, @Nullable Object> request, Instant now) {
		ServiceOutcome outcome = this.handler.handle(request);
		List<?> tags = (request.get("$tags") instanceof List<?> list) ? list : List.of();
		GatewayExecution execution = new GatewayExecution(id, now, this.pending, this.run, outcome, tags);
		this.executions.put(id, execution);
		this.executionOrder.add(id);
		return execution;
	}

	@Nullable GatewayExecution execution(String id) {
		return this.executions.get(id);
	}

	Collection<GatewayExecution> executions() {
		List<GatewayExecution> ordered = new ArrayList<>();
		this.executionOrder.forEach((id) -> ordered.add(this.executions.get(id)));
		return ordered;
	}

	void record(GatewayOperation operation, HttpServerRequest request, String rawPath, byte[] body) {
		this.counts.get(operation).incrementAndGet();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders().forEach((header) -> {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			boolean secret = name.equals(HttpHeaderNames.AUTHORIZATION.toString()) || name.equals("x-auth-token");
			headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(secret ? REDACTED : header.getValue());
		});
		String text = (operation == GatewayOperation.TOKEN) ? REDACTED : new String(body, StandardCharsets.UTF_8);
		this.requests.add(new RecordedRequest(operation, request.method().name(), rawPath, headers, text));
	}

	void recordAnswer(GatewayOperation operation, int status) {
		this.answers.get(operation).computeIfAbsent(status, (code) -> new AtomicLong()).incrementAndGet();
	}

	@Nullable InjectedFault takeFault(GatewayOperation operation) {
		InjectedFault taken = null;
		for (ActiveFault fault : this.faults) {
			if (fault.fault.operation() == operation && fault.take()) {
				taken = fault.fault;
				break;
			}
		}
		if (taken == null && this.randomFaults != null) {
			taken = this.randomFaults.next(operation);
		}
		if (taken != null) {
			this.injectedFaults.add(taken);
		}
		return taken;
	}

	private static String encode(String segment) {
		return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static final class ActiveFault {

		private final InjectedFault fault;

		private final AtomicInteger remaining;

		ActiveFault(InjectedFault fault) {
			this.fault = fault;
			this.remaining = new AtomicInteger(fault.times());
		}

		boolean take() {
			return this.remaining.getAndUpdate((left) -> Math.max(left - 1, 0)) > 0;
		}

	}

	/**
	 * Configures and starts a {@link LocalHubGateway}. Defaults: loopback, a random port, service path
	 * {@code /local/echo/1.0.0}, the echo service, PENDING 50 ms then RUNNING 200 ms, tokens valid 1 hour,
	 * grants valid 10 minutes; tokens required unless {@link #anonymous(boolean) anonymous} or no key pair is
	 * configured.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private String servicePath = "/local/echo/1.0.0";

		private final Map<String, String> keyPairs = new LinkedHashMap<>();

		private boolean anonymous;

		private @Nullable String platformApiKey;

		private Duration pending = Duration.ofMillis(50);

		private Duration run = Duration.ofMillis(200);

		private Duration tokenTimeToLive = Duration.ofHours(1);

		private Duration grantTimeToLive = Duration.ofMinutes(10);

		private ServiceHandler handler = ServiceHandler.echo();

		private Clock clock = Clock.systemUTC();

		private double faultRate;

		private long faultSeed;

		private @Nullable GatewayCertificate certificate;

		private Builder() {
		}

		/**
		 * The address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} inside a container.
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * The port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * The service's path, {@code /<context>/<service>/<version>}.
		 * @param servicePath the path, starting with {@code /}
		 * @return this builder
		 */
		public Builder servicePath(String servicePath) {
			String path = servicePath.endsWith("/") ? servicePath.substring(0, servicePath.length() - 1) : servicePath;
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException("servicePath must start with '/', was '" + servicePath + "'");
			}
			this.servicePath = path;
			return this;
		}

		/**
		 * Accepts a key pair at the token endpoint (call again for more).
		 * @param accessKeyId the access key id
		 * @param secretAccessKey the secret access key
		 * @return this builder
		 */
		public Builder accessKey(String accessKeyId, String secretAccessKey) {
			this.keyPairs.put(accessKeyId, secretAccessKey);
			return this;
		}

		/**
		 * Whether service calls are served without a valid token; by default only when no key pair is configured.
		 * @param anonymous {@code true} to skip the token check
		 * @return this builder
		 */
		public Builder anonymous(boolean anonymous) {
			this.anonymous = anonymous;
			return this;
		}

		/**
		 * The platform API key accepted by the grant endpoint ({@code X-Auth-Token}).
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder platformApiKey(String apiKey) {
			this.platformApiKey = apiKey;
			return this;
		}

		/**
		 * How long executions stay PENDING and then RUNNING.
		 * @param pending time in PENDING
		 * @param run time in RUNNING
		 * @return this builder
		 */
		public Builder timing(Duration pending, Duration run) {
			this.pending = Objects.requireNonNull(pending, "pending");
			this.run = Objects.requireNonNull(run, "run");
			return this;
		}

		/**
		 * How long issued tokens are valid ({@code expires_in}).
		 * @param timeToLive the lifetime
		 * @return this builder
		 */
		public Builder tokenTimeToLive(Duration timeToLive) {
			this.tokenTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
			return this;
		}

		/**
		 * How long issued grant JWTs are valid ({@code exp}).
		 * @param timeToLive the lifetime
		 * @return this builder
		 */
		public Builder grantTimeToLive(Duration timeToLive) {
			this.grantTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
			return this;
		}

		/**
		 * The service behind the gateway; {@link ServiceHandler#echo()} by default.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(ServiceHandler handler) {
			this.handler = Objects.requireNonNull(handler, "handler");
			return this;
		}

		/**
		 * The clock that drives execution timing and token expiry.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Injects faults at random into a share of the calls of every operation (requests that match none are
		 * spared), on top of faults given to {@link LocalHubGateway#inject(InjectedFault)}, which fire first. Each
		 * call fails with probability {@code rate}, picking with equal chance one of: 503; 429 with
		 * {@code Retry-After: 0}; 500; the connection dropped halfway through the real answer's body (the call takes
		 * effect, e.g. an execution is started, but the client never reads the whole answer). Each operation draws
		 * from its own random sequence seeded from {@code seed}, so a run with the same seed and the same number of
		 * calls per operation gets the same faults, however calls interleave. Faults injected are listed by
		 * {@link LocalHubGateway#injectedFaults(GatewayOperation)}.
		 * @param rate the share of calls to fail, between 0 (none, the default) and 1 (all)
		 * @param seed the seed of the random sequences
		 * @return this builder
		 */
		public Builder faultRate(double rate, long seed) {
			if (!(rate >= 0 && rate <= 1)) {
				throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
			}
			this.faultRate = rate;
			this.faultSeed = seed;
			return this;
		}

		/**
		 * Serves HTTPS (HTTP/1.1) with this certificate instead of plain HTTP; the endpoints then start with
		 * {@code https://}.
		 * @param certificate e.g. {@link GatewayCertificate#generate(java.nio.file.Path)}
		 * @return this builder
		 */
		public Builder tls(GatewayCertificate certificate) {
			this.certificate = Objects.requireNonNull(certificate, "certificate");
			return this;
		}

		/**
		 * Starts the gateway.
		 * @return the running gateway
		 */
		public LocalHubGateway start() {
			if (this.keyPairs.isEmpty()) {
				this.anonymous = true;
			}
			return new LocalHubGateway(this);
		}

	}

}
