package io.qhub.service.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.qhub.service.client.internal.AccessTokenSource;
import io.qhub.service.client.internal.AnonymousTokenSource;
import io.qhub.service.client.internal.BearerTokenFilter;
import io.qhub.service.client.internal.ClientCredentialsTokenSource;
import io.qhub.service.client.internal.CredentialOriginGuard;
import io.qhub.service.client.internal.InsecureEndpointWarning;
import io.qhub.service.client.internal.GatewayEndpoint;
import io.qhub.service.client.internal.GatewayExchange;
import io.qhub.service.client.internal.GatewayJson;
import io.qhub.service.client.internal.TransportRetryFilter;
import io.qhub.service.client.observation.DefaultExecutionObservationConvention;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Client for one subscribed Kipu Quantum Hub Managed Service: the Java counterpart of the official SDK's
 * {@code qhub.service.client.HubServiceClient}. Build one per service endpoint and share it; it is thread-safe and
 * holds a connection pool, released by {@link #close()}.
 *
 * <pre>{@code
 * try (HubServiceClient client = HubServiceClient.builder()
 *         .serviceEndpoint("https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0")
 *         .accessKeyId(System.getenv("QHUB_ACCESS_KEY_ID"))
 *         .secretAccessKey(System.getenv("QHUB_SECRET_ACCESS_KEY"))
 *         .build()) {
 *     ServiceExecution execution = client.api().startExecution(Map.of("shots", 100));
 * }
 * }</pre>
 */
public final class HubServiceClient implements AutoCloseable {

	/** Default OAuth2 token endpoint of the Kipu Quantum Hub gateway. */
	public static final String DEFAULT_TOKEN_ENDPOINT = "https://gateway.hub.kipu-quantum.com/token";

	private final String description;

	private final String serviceEndpoint;

	private final boolean anonymous;

	private final ConnectionProvider connections;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final ServiceApiClient api;

	private final ReactiveHubServiceClient reactive;

	private HubServiceClient(Builder builder, GatewayEndpoint endpoint) {
		this.connections = ConnectionProvider.builder("qhub-service")
			.maxConnections(builder.maxConnections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(2))
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		HttpClient httpClient = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) builder.connectTimeout.toMillis())
			.responseTimeout(builder.readTimeout);
		ReactorClientHttpConnector connector = new ReactorClientHttpConnector(httpClient);
		// a disposed pool would silently open new connections: refuse calls after close() instead
		ExchangeFilterFunction openCheck = (request, next) -> this.closed.get()
				? Mono.error(new HubClientException("HubServiceClient is closed: " + request.method() + " " + request.url()))
				: next.exchange(request);
		AccessTokenSource tokens = tokenSource(builder, connector, openCheck);
		WebClient.Builder gateway = WebClient.builder()
			.filter(openCheck)
			.clientConnector(connector)
			.defaultHeader(HttpHeaders.USER_AGENT, UserAgent.VALUE)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(builder.maxInMemorySize));
		gateway.observationRegistry(builder.observationRegistry);
		builder.webClientCustomizer.accept(gateway);
		gateway.filter(new TransportRetryFilter(builder.transportRetry, builder.sleeper, builder.clock))
			.filter(new BearerTokenFilter(tokens))
			.filter(new CredentialOriginGuard(endpoint.toString()));
		InsecureEndpointWarning.check(endpoint.toString(), "service endpoint");
		ReactiveServiceApiClient reactiveApi = new ReactiveServiceApiClient(gateway.build(), endpoint,
				new GatewayJson(), new GatewayExchange(builder.clock));
		this.api = new ServiceApiClient(reactiveApi);
		String service = (builder.serviceName != null) ? builder.serviceName : endpoint.path();
		this.reactive = new ReactiveHubServiceClient(reactiveApi, builder.polling, builder.resultRetry,
				builder.sleeper, builder.clock,
				new ExecutionWaitObserver(builder.observationRegistry, builder.executionObservationConvention, service),
				tokens.token().then(), platformClient(builder));
		this.description = "HubServiceClient[endpoint=" + endpoint + ", auth=" + tokens + "]";
		this.serviceEndpoint = endpoint.toString();
		this.anonymous = !tokens.canRenew();
	}

	private static AccessTokenSource tokenSource(Builder builder, ReactorClientHttpConnector connector,
			ExchangeFilterFunction openCheck) {
		if (builder.accessKeyId == null || builder.secretAccessKey == null) {
			return new AnonymousTokenSource();
		}
		WebClient.Builder token = WebClient.builder()
			.filter(openCheck)
			.clientConnector(connector)
			.defaultHeader(HttpHeaders.USER_AGENT, UserAgent.VALUE)
			.observationRegistry(builder.observationRegistry);
		builder.webClientCustomizer.accept(token);
		// a token request has no side effect beyond issuing a token, so it is retried like a read: one token
		// endpoint hiccup must not fail every call waiting for that token
		token.filter(TransportRetryFilter.forIdempotentPosts(builder.transportRetry, builder.sleeper, builder.clock))
			.filter(new CredentialOriginGuard(builder.tokenEndpoint));
		InsecureEndpointWarning.check(builder.tokenEndpoint, "token endpoint");
		return new ClientCredentialsTokenSource(builder.tokenEndpoint, builder.accessKeyId, builder.secretAccessKey,
				builder.tokenRefreshBeforeExpiry, builder.clock, token.build());
	}

	private static HubPlatformClient platformClient(Builder builder) {
		if (builder.platformClient != null) {
			return builder.platformClient;
		}
		return HubPlatformClient.builder()
			.environment(builder.platformEnvironment)
			.clock(builder.clock)
			.sleeper(builder.sleeper)
			.build();
	}

	/**
	 * Starts building a client.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The low-level gateway API: the seven operations of the service's OpenAPI spec, blocking. Its
	 * {@link ServiceApiClient#reactive()} gives the same operations as {@code Mono}/{@code Flux}.
	 * @return the low-level API client
	 */
	public ServiceApiClient api() {
		return this.api;
	}

	/**
	 * The service endpoint this client talks to, without a trailing slash.
	 * @return the endpoint URL
	 */
	public String serviceEndpoint() {
		return this.serviceEndpoint;
	}

	/**
	 * The platform client data-pool grants are acquired with, when one with an API key is configured or found.
	 * @return the platform client, or empty
	 */
	public java.util.Optional<HubPlatformClient> platformClient() {
		return this.reactive.platformClient();
	}

	/**
	 * Whether the client runs without a key pair (a random bearer token, no token requests).
	 * @return {@code true} without credentials
	 */
	public boolean isAnonymous() {
		return this.anonymous;
	}

	/**
	 * The reactive core: every operation as {@code Mono}/{@code Flux}, plus {@code watch}. Use it from reactive
	 * code and to await many executions at once.
	 * @return the reactive client
	 */
	public ReactiveHubServiceClient reactive() {
		return this.reactive;
	}

	/**
	 * Starts an execution with the request as it is.
	 * @param request the service's parameters by name; not changed
	 * @return the new execution
	 */
	public HubServiceExecution run(Map<String, ?> request) {
		return run(request, RunOptions.none());
	}

	/**
	 * Starts an execution, adding secrets ({@code $secrets}) and tags ({@code $tags}) where the request does not
	 * hold those keys already (the caller's value wins), and for each data-pool grant a {@code DataPoolReference}
	 * with a short-lived JWT from the platform under the grant's name (grants replace what is there). The request
	 * map is never changed. Sent once: a start that may have reached the gateway is never retried, so no execution
	 * is started twice.
	 * @param request the service's parameters by name
	 * @param options secrets, tags and grants
	 * @return the new execution
	 * @throws IllegalStateException {@code "apiKey is required for data pool grant acquisition"}, before any
	 * request, when grants are given but no platform API key is configured
	 */
	public HubServiceExecution run(Map<String, ?> request, RunOptions options) {
		return wrap(Blocking.await(this.reactive.run(request, options)));
	}

	/**
	 * One execution by id, with its current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public HubServiceExecution getServiceExecution(String id) {
		return wrap(Blocking.await(this.reactive.getServiceExecution(id)));
	}

	/**
	 * Every execution visible to the application.
	 * @return the executions
	 */
	public List<HubServiceExecution> getServiceExecutions() {
		return Blocking.await(this.reactive.getServiceExecutions().map(this::wrap).collectList());
	}

	/**
	 * Checks that a gateway token can be obtained (a cached, still valid token counts); calls no service
	 * operation. Without a key pair it returns at once.
	 * @throws HubTokenException when no token can be obtained
	 */
	public void checkCredentials() {
		Blocking.await(this.reactive.checkCredentials().thenReturn(Boolean.TRUE));
	}

	private HubServiceExecution wrap(ServiceExecution execution) {
		return new HubServiceExecution(this.reactive, this.api, execution);
	}

	/** Releases the connection pool. Calls made afterwards fail with a {@link HubClientException}. */
	@Override
	public void close() {
		this.closed.set(true);
		this.connections.dispose();
	}

	@Override
	public String toString() {
		return this.description;
	}

	/**
	 * Builds a {@link HubServiceClient}. Only {@link #serviceEndpoint(String)} is required. The key pair is given
	 * together or not at all; without it the client sends a random bearer token and makes no token request, for
	 * local gateways that do not check tokens.
	 */
	public static final class Builder {

		private @Nullable String serviceEndpoint;

		private @Nullable String accessKeyId;

		private @Nullable String secretAccessKey;

		private String tokenEndpoint = DEFAULT_TOKEN_ENDPOINT;

		private Duration tokenRefreshBeforeExpiry = Duration.ofSeconds(120);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration readTimeout = Duration.ofSeconds(60);

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.DEFAULT;

		private TransportRetryPolicy transportRetry = TransportRetryPolicy.DEFAULT;

		private Consumer<WebClient.Builder> webClientCustomizer = (webClient) -> {
		};

		private PollingPolicy polling = PollingPolicy.DEFAULT;

		private ResultRetryPolicy resultRetry = ResultRetryPolicy.DEFAULT;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private ExecutionObservationConvention executionObservationConvention = new DefaultExecutionObservationConvention();

		private @Nullable String serviceName;

		private @Nullable HubPlatformClient platformClient;

		private PlatformEnvironment platformEnvironment = PlatformEnvironment.system();

		private int maxConnections = 256;

		private int maxInMemorySize = 32 * 1024 * 1024;

		private Builder() {
		}

		/**
		 * Gateway URL of the subscribed service (required), e.g.
		 * {@code https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0}; a trailing slash is ignored.
		 * @param serviceEndpoint the URL
		 * @return this builder
		 * @throws IllegalArgumentException naming {@code serviceEndpoint} when the URL is blank, malformed or not
		 * http(s)
		 */
		public Builder serviceEndpoint(String serviceEndpoint) {
			GatewayEndpoint.validate(serviceEndpoint, "serviceEndpoint");
			this.serviceEndpoint = serviceEndpoint;
			return this;
		}

		/**
		 * The application's access key id (OAuth2 client id). Give it together with
		 * {@link #secretAccessKey(String)}, or neither.
		 * @param accessKeyId the key id
		 * @return this builder
		 */
		public Builder accessKeyId(@Nullable String accessKeyId) {
			this.accessKeyId = blankToNull(accessKeyId);
			return this;
		}

		/**
		 * The application's secret access key (OAuth2 client secret). Never logged or shown.
		 * @param secretAccessKey the secret
		 * @return this builder
		 */
		public Builder secretAccessKey(@Nullable String secretAccessKey) {
			this.secretAccessKey = blankToNull(secretAccessKey);
			return this;
		}

		/**
		 * OAuth2 token endpoint; defaults to {@value HubServiceClient#DEFAULT_TOKEN_ENDPOINT}.
		 * @param tokenEndpoint the URL
		 * @return this builder
		 */
		public Builder tokenEndpoint(String tokenEndpoint) {
			GatewayEndpoint.validate(tokenEndpoint, "tokenEndpoint");
			this.tokenEndpoint = tokenEndpoint;
			return this;
		}

		/**
		 * How long before its expiry a token is renewed; defaults to 120 s, as the official SDK.
		 * @param refreshBeforeExpiry the margin, not negative
		 * @return this builder
		 */
		public Builder tokenRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
			this.tokenRefreshBeforeExpiry = requireNotNegative(refreshBeforeExpiry, "tokenRefreshBeforeExpiry");
			return this;
		}

		/**
		 * TCP connect timeout for the gateway and the token endpoint; defaults to 10 s.
		 * @param connectTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Longest silence allowed while waiting for (a part of) a response; defaults to 60 s, as the official SDK.
		 * @param readTimeout the timeout, positive
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = requirePositive(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * The clock used for token expiry, {@code Retry-After} dates and deadlines; defaults to the UTC system
		 * clock. Tests inject a movable one.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * What waits between retries and polls; tests inject one that returns at once.
		 * @param sleeper the sleeper
		 * @return this builder
		 */
		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
			return this;
		}

		/**
		 * Transport retry policy for failed calls; defaults to {@link TransportRetryPolicy#DEFAULT}.
		 * @param transportRetry the policy
		 * @return this builder
		 */
		public Builder transportRetry(TransportRetryPolicy transportRetry) {
			this.transportRetry = Objects.requireNonNull(transportRetry, "transportRetry");
			return this;
		}

		/**
		 * Adjusts the {@link WebClient.Builder}s of the gateway and the token endpoint before the client adds its
		 * own filters: a proxy or SSL connector, an {@code ObservationRegistry}, extra filters. Called once per
		 * builder.
		 * @param customizer the customizer
		 * @return this builder
		 */
		public Builder webClientCustomizer(Consumer<WebClient.Builder> customizer) {
			this.webClientCustomizer = Objects.requireNonNull(customizer, "webClientCustomizer");
			return this;
		}

		/**
		 * How waits poll an execution's status; defaults to {@link PollingPolicy#DEFAULT}.
		 * @param polling the policy
		 * @return this builder
		 */
		public Builder polling(PollingPolicy polling) {
			this.polling = Objects.requireNonNull(polling, "polling");
			return this;
		}

		/**
		 * How {@code result()} retries the result fetch; defaults to {@link ResultRetryPolicy#DEFAULT}.
		 * @param resultRetry the policy
		 * @return this builder
		 */
		public Builder resultRetry(ResultRetryPolicy resultRetry) {
			this.resultRetry = Objects.requireNonNull(resultRetry, "resultRetry");
			return this;
		}

		/**
		 * The Micrometer registry for {@code http.client.requests} of the gateway and token calls and for the
		 * {@code qhub.execution} observation of each wait; none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Replaces the {@link DefaultExecutionObservationConvention} of the {@code qhub.execution} observation.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder executionObservationConvention(ExecutionObservationConvention convention) {
			this.executionObservationConvention = Objects.requireNonNull(convention, "executionObservationConvention");
			return this;
		}

		/**
		 * The name the {@code qhub.service} observation tag carries; defaults to the endpoint's path, e.g.
		 * {@code acme/qft-simulator/1.0.0}.
		 * @param serviceName the name
		 * @return this builder
		 */
		public Builder serviceName(String serviceName) {
			this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
			return this;
		}

		/**
		 * The platform client data-pool grants are acquired with. Without one, the client resolves ambient
		 * credentials ({@code KQH_PERSONAL_ACCESS_TOKEN}, the Hub CLI config file) as the Python SDK does, and
		 * stays without a platform client when none are found.
		 * @param platformClient the platform client
		 * @return this builder
		 */
		public Builder platformClient(HubPlatformClient platformClient) {
			this.platformClient = Objects.requireNonNull(platformClient, "platformClient");
			return this;
		}

		/**
		 * Where ambient platform credentials are looked up when no platform client is given; the process
		 * environment by default. Tests pass their own.
		 * @param platformEnvironment the environment
		 * @return this builder
		 */
		public Builder platformEnvironment(PlatformEnvironment platformEnvironment) {
			this.platformEnvironment = Objects.requireNonNull(platformEnvironment, "platformEnvironment");
			return this;
		}

		/**
		 * Most connections held open to the gateway at once; further calls queue. Defaults to 256.
		 * @param maxConnections the limit, positive
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 1) {
				throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 * @throws IllegalArgumentException naming the argument, when the endpoint is missing or malformed or only
		 * one half of the key pair is given
		 */
		public HubServiceClient build() {
			if (this.serviceEndpoint == null) {
				throw new IllegalArgumentException("serviceEndpoint is required");
			}
			GatewayEndpoint endpoint = GatewayEndpoint.of(this.serviceEndpoint, "serviceEndpoint");
			if (this.accessKeyId != null && this.secretAccessKey == null) {
				throw new IllegalArgumentException(
						"secretAccessKey is missing: accessKeyId and secretAccessKey must be given together or not at all");
			}
			if (this.secretAccessKey != null && this.accessKeyId == null) {
				throw new IllegalArgumentException(
						"accessKeyId is missing: accessKeyId and secretAccessKey must be given together or not at all");
			}
			return new HubServiceClient(this, endpoint);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isBlank()) ? null : value;
		}

		private static Duration requireNotNegative(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, was " + value);
			}
			return value;
		}

		private static Duration requirePositive(Duration value, String name) {
			requireNotNegative(value, name);
			if (value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
