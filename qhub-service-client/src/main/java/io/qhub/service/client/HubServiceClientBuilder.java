package io.qhub.service.client;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.internal.ExecutionWaitObserver;
import io.qhub.service.client.internal.GatewayOperations;
import io.qhub.service.client.observation.DefaultExecutionObservationConvention;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TlsSettings;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.core.internal.TransportContext;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Builds a {@link ReactiveHubServiceClient} ({@link #buildReactive()}) or the blocking
 * {@link HubServiceClient} over one ({@link #build()}), as Azure's builders build a
 * client and its async twin; get one from {@link HubServiceClient#builder()}. Only
 * {@link #serviceEndpoint(String)} is required. The key pair is given together or not at
 * all; without it the client sends a random bearer token and makes no token request, for
 * local gateways that do not check tokens. Each value is checked where it is set or, for
 * endpoints and the key pair, when the client is built; a bad one is an
 * {@link InvalidSettingException} naming the setting.
 *
 * <pre>{@code
 * try (HubServiceClient client = HubServiceClient.builder()
 *         .serviceEndpoint("https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0")
 *         .accessKeyId(System.getenv("QHUB_ACCESS_KEY_ID"))
 *         .secretAccessKey(System.getenv("QHUB_SECRET_ACCESS_KEY"))
 *         .callTimeout(Duration.ofSeconds(30))
 *         .proxy(ProxySettings.http("proxy.example.com", 3128))
 *         .build()) {
 *     HubServiceExecution execution = client.run(Map.of("shots", 100));
 * }
 * }</pre>
 */
public final class HubServiceClientBuilder {

	/**
	 * Default of {@link #tokenRefreshBeforeExpiry(Duration)}: 120 s, as the official SDK.
	 */
	public static final Duration DEFAULT_TOKEN_REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(120);

	private @Nullable String serviceEndpoint;

	private @Nullable String accessKeyId;

	private @Nullable String secretAccessKey;

	private @Nullable String tokenEndpoint;

	private Duration tokenRefreshBeforeExpiry = DEFAULT_TOKEN_REFRESH_BEFORE_EXPIRY;

	private TransportSettings transport = TransportSettings.defaults();

	private Clock clock = Clock.systemUTC();

	private Sleeper sleeper = Sleeper.DEFAULT;

	private PollingPolicy polling = PollingPolicy.DEFAULT;

	private ResultRetryPolicy resultRetry = ResultRetryPolicy.DEFAULT;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private ExecutionObservationConvention executionObservationConvention = new DefaultExecutionObservationConvention();

	private @Nullable ClientRequestObservationConvention requestObservationConvention;

	private @Nullable String serviceName;

	private @Nullable HubPlatformClient platformClient;

	private PlatformEnvironment platformEnvironment = PlatformEnvironment.system();

	private boolean submissionKeys = true;

	HubServiceClientBuilder() {
	}

	/**
	 * Gateway URL of the subscribed service (required), e.g.
	 * {@code https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0}; a trailing
	 * slash is ignored, and so is user-info, which is never sent.
	 * @param serviceEndpoint the URL
	 * @return this builder
	 */
	public HubServiceClientBuilder serviceEndpoint(String serviceEndpoint) {
		this.serviceEndpoint = serviceEndpoint;
		return this;
	}

	/**
	 * The application's access key id (OAuth2 client id). Give it together with
	 * {@link #secretAccessKey(String)}, or neither.
	 * @param accessKeyId the key id
	 * @return this builder
	 */
	public HubServiceClientBuilder accessKeyId(@Nullable String accessKeyId) {
		this.accessKeyId = blankToNull(accessKeyId);
		return this;
	}

	/**
	 * The application's secret access key (OAuth2 client secret). Never logged or shown.
	 * @param secretAccessKey the secret
	 * @return this builder
	 */
	public HubServiceClientBuilder secretAccessKey(@Nullable String secretAccessKey) {
		this.secretAccessKey = blankToNull(secretAccessKey);
		return this;
	}

	/**
	 * OAuth2 token endpoint. When not set:
	 * {@value HubServiceClient#DEFAULT_TOKEN_ENDPOINT} for a service on the Hub's gateway
	 * host, else {@code <service origin>/token} (logged once at INFO), so keys meant for
	 * a local gateway never travel to the Hub. (The official SDK always defaults to the
	 * Hub's.)
	 * @param tokenEndpoint the URL
	 * @return this builder
	 */
	public HubServiceClientBuilder tokenEndpoint(@Nullable String tokenEndpoint) {
		this.tokenEndpoint = blankToNull(tokenEndpoint);
		return this;
	}

	/**
	 * How long before its expiry a token is renewed; 120 s by default, as the official
	 * SDK. For a token living less than twice as long, half its lifetime is used instead.
	 * @param refreshBeforeExpiry the margin, not negative
	 * @return this builder
	 */
	public HubServiceClientBuilder tokenRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
		if (refreshBeforeExpiry == null || refreshBeforeExpiry.isNegative()) {
			throw new InvalidSettingException("tokenRefreshBeforeExpiry",
					(refreshBeforeExpiry != null) ? "must not be negative" : "must be set", refreshBeforeExpiry);
		}
		this.tokenRefreshBeforeExpiry = refreshBeforeExpiry;
		return this;
	}

	/**
	 * All HTTP settings at once (timeouts, limits, retry, {@code HttpClient} customizer),
	 * for example the same ones as a {@link HubPlatformClient}.
	 * @param transport the settings
	 * @return this builder
	 */
	public HubServiceClientBuilder transportSettings(TransportSettings transport) {
		this.transport = Objects.requireNonNull(transport, "transport");
		return this;
	}

	/**
	 * The HTTP settings set so far, for example to build a {@link HubPlatformClient} that
	 * talks like this client.
	 * @return the settings
	 */
	public TransportSettings transportSettings() {
		return this.transport;
	}

	/**
	 * Longest time to open a TCP connection; 10 s by default.
	 * @param connectTimeout the timeout, positive
	 * @return this builder
	 * @see TransportSettings
	 */
	public HubServiceClientBuilder connectTimeout(Duration connectTimeout) {
		this.transport = this.transport.withConnectTimeout(connectTimeout);
		return this;
	}

	/**
	 * Longest silence while an answer is read; 30 s by default. The only bound on a
	 * result-file download once its headers have arrived.
	 * @param readTimeout the timeout, positive
	 * @return this builder
	 * @see TransportSettings
	 */
	public HubServiceClientBuilder readTimeout(Duration readTimeout) {
		this.transport = this.transport.withReadTimeout(readTimeout);
		return this;
	}

	/**
	 * Longest time one call takes in total (connection, token, sending, transport
	 * retries, the whole answer); 60 s by default. A call made by a wait is also cut at
	 * the wait's deadline.
	 * @param callTimeout the timeout, positive
	 * @return this builder
	 * @see TransportSettings
	 */
	public HubServiceClientBuilder callTimeout(Duration callTimeout) {
		this.transport = this.transport.withCallTimeout(callTimeout);
		return this;
	}

	/**
	 * Most connections held open to the gateway at once; further calls queue within their
	 * call timeout. 256 by default.
	 * @param maxConnections the limit, at least 1
	 * @return this builder
	 */
	public HubServiceClientBuilder maxConnections(int maxConnections) {
		this.transport = this.transport.withMaxConnections(maxConnections);
		return this;
	}

	/**
	 * Largest JSON answer read, in bytes; 32 MiB by default. A larger answer fails with a
	 * {@link HubTransportException}; result files are streamed and not limited. The
	 * execution list ({@code getServiceExecutions}) is read as it streams, so the limit
	 * applies to each execution listed, not to the list.
	 * @param maxJsonBodySize the limit in bytes
	 * @return this builder
	 */
	public HubServiceClientBuilder maxJsonBodySize(long maxJsonBodySize) {
		this.transport = this.transport.withMaxJsonBodySize(maxJsonBodySize);
		return this;
	}

	/**
	 * How the transport retries transient failures; {@link TransportRetryPolicy#DEFAULT}
	 * by default.
	 * @param transportRetry the policy
	 * @return this builder
	 */
	public HubServiceClientBuilder transportRetry(TransportRetryPolicy transportRetry) {
		this.transport = this.transport.withRetry(transportRetry);
		return this;
	}

	/**
	 * Which proxy connections go through; {@link ProxySettings#systemProperties()} by
	 * default (the JVM's {@code https.proxyHost}, {@code http.proxyHost} or
	 * {@code socksProxyHost}, direct when none is set).
	 * @param proxy the proxy settings
	 * @return this builder
	 */
	public HubServiceClientBuilder proxy(ProxySettings proxy) {
		this.transport = this.transport.withProxy(proxy);
		return this;
	}

	/**
	 * The TLS of {@code https} connections: whom to trust and which key to present; the
	 * JVM's defaults by default.
	 * @param tls the TLS settings, e.g. {@code TlsSettings.of(null, trustManagerFactory)}
	 * @return this builder
	 */
	public HubServiceClientBuilder tls(TlsSettings tls) {
		this.transport = this.transport.withTls(tls);
		return this;
	}

	/**
	 * Customizes the client's own Reactor Netty {@link HttpClient} beyond the settings (a
	 * wiretap, a resolver, channel options). It sees the proxy and TLS settings applied
	 * and must return the client it is given, customized; the connection pool, timeouts,
	 * limits and the refusal to follow redirects are applied after it and cannot be
	 * removed by it. Customizers add up, applied in order.
	 * @param customizer e.g. {@code (http) -> http.wiretap(true)}
	 * @return this builder
	 */
	public HubServiceClientBuilder httpClient(UnaryOperator<HttpClient> customizer) {
		this.transport = this.transport.withHttpClient(customizer);
		return this;
	}

	/**
	 * The clock used for deadlines, token expiry and {@code Retry-After} dates; the UTC
	 * system clock by default. Tests inject a movable one.
	 * @param clock the clock
	 * @return this builder
	 */
	public HubServiceClientBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * What waits between retries and polls; tests inject one that returns at once.
	 * @param sleeper the sleeper
	 * @return this builder
	 */
	public HubServiceClientBuilder sleeper(Sleeper sleeper) {
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		return this;
	}

	/**
	 * How waits poll an execution's status; {@link PollingPolicy#DEFAULT} by default.
	 * @param polling the policy
	 * @return this builder
	 */
	public HubServiceClientBuilder polling(PollingPolicy polling) {
		this.polling = Objects.requireNonNull(polling, "polling");
		return this;
	}

	/**
	 * How {@code result()} retries the result fetch; {@link ResultRetryPolicy#DEFAULT} by
	 * default.
	 * @param resultRetry the policy
	 * @return this builder
	 */
	public HubServiceClientBuilder resultRetry(ResultRetryPolicy resultRetry) {
		this.resultRetry = Objects.requireNonNull(resultRetry, "resultRetry");
		return this;
	}

	/**
	 * The Micrometer registry for {@code http.client.requests} (gateway, token and
	 * platform calls) and for the {@code qhub.execution} observation of each wait; none
	 * by default.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public HubServiceClientBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
		return this;
	}

	/**
	 * Replaces the {@link DefaultExecutionObservationConvention} of the
	 * {@code qhub.execution} observation.
	 * @param convention the convention
	 * @return this builder
	 */
	public HubServiceClientBuilder executionObservationConvention(ExecutionObservationConvention convention) {
		this.executionObservationConvention = Objects.requireNonNull(convention, "executionObservationConvention");
		return this;
	}

	/**
	 * Replaces the convention of the {@code http.client.requests} observations, whose
	 * default is Spring's with the operation's path template as {@code uri} and the
	 * service name as {@code client.name}.
	 * @param convention the convention
	 * @return this builder
	 */
	public HubServiceClientBuilder requestObservationConvention(ClientRequestObservationConvention convention) {
		this.requestObservationConvention = Objects.requireNonNull(convention, "requestObservationConvention");
		return this;
	}

	/**
	 * The service's name in observations ({@code qhub.service}, {@code client.name}) and
	 * the connection pool's name; the endpoint's path by default, e.g.
	 * {@code acme/qft-simulator/1.0.0}.
	 * @param serviceName the name
	 * @return this builder
	 */
	public HubServiceClientBuilder serviceName(String serviceName) {
		this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
		return this;
	}

	/**
	 * The platform client data-pool grants are acquired with. Without one, the client
	 * builds its own with these transport settings, from ambient credentials
	 * ({@code KQH_PERSONAL_ACCESS_TOKEN}, the Hub CLI config file) as the Python SDK
	 * does, and closes it with itself.
	 * @param platformClient the platform client (not closed by this client)
	 * @return this builder
	 */
	public HubServiceClientBuilder platformClient(HubPlatformClient platformClient) {
		this.platformClient = Objects.requireNonNull(platformClient, "platformClient");
		return this;
	}

	/**
	 * Where ambient platform credentials are looked up when no platform client is given;
	 * the process environment by default. Tests pass their own.
	 * @param platformEnvironment the environment
	 * @return this builder
	 */
	public HubServiceClientBuilder platformEnvironment(PlatformEnvironment platformEnvironment) {
		this.platformEnvironment = Objects.requireNonNull(platformEnvironment, "platformEnvironment");
		return this;
	}

	/**
	 * Whether each start carries a client-generated submission key in its {@code $tags}
	 * (on by default; {@link RunOptions#withSubmissionKey(boolean)} switches it off for
	 * one start). With it, a start whose answer is lost after the request may have been
	 * sent (reset, cut or timed-out answer, a 5xx) is found by its key ({@code GET /})
	 * and returned instead of failing; a start is never sent twice either way.
	 * @param submissionKeys whether to send submission keys
	 * @return this builder
	 */
	public HubServiceClientBuilder submissionKeys(boolean submissionKeys) {
		this.submissionKeys = submissionKeys;
		return this;
	}

	/**
	 * Builds the reactive client; it owns its connection pool until
	 * {@link ReactiveHubServiceClient#close()}.
	 * @return the client
	 * @throws InvalidSettingException naming the setting when the endpoint is missing or
	 * malformed or only one half of the key pair is given
	 */
	public ReactiveHubServiceClient buildReactive() {
		GatewayOperations operations = GatewayOperations.create(transportContext(), this.serviceEndpoint,
				this.tokenEndpoint, this.accessKeyId, this.secretAccessKey, this.tokenRefreshBeforeExpiry);
		String service = (this.serviceName != null) ? this.serviceName : operations.servicePath();
		boolean ownsPlatform = this.platformClient == null;
		try {
			HubPlatformClient platform = ownsPlatform ? HubPlatformClient.builder()
				.environment(this.platformEnvironment)
				.transportSettings(this.transport)
				.observationRegistry(this.observationRegistry)
				.clock(this.clock)
				.sleeper(this.sleeper)
				.build() : this.platformClient;
			ClientRuntime runtime = ClientRuntime.of(operations, service, this.polling, this.resultRetry, this.sleeper,
					this.clock,
					new ExecutionWaitObserver(this.observationRegistry, this.executionObservationConvention, service),
					this.submissionKeys);
			return new ReactiveHubServiceClient(runtime, Objects.requireNonNull(platform), ownsPlatform);
		}
		catch (RuntimeException ex) {
			operations.close();
			throw ex;
		}
	}

	/**
	 * Builds the blocking client, a thin layer over a {@linkplain #buildReactive()
	 * reactive} one.
	 * @return the client
	 * @throws InvalidSettingException as {@link #buildReactive()}
	 */
	public HubServiceClient build() {
		return HubServiceClient.of(buildReactive());
	}

	private TransportContext transportContext() {
		return new TransportContext(this.transport, this.observationRegistry, this.requestObservationConvention,
				this.serviceName, this.clock, this.sleeper);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
