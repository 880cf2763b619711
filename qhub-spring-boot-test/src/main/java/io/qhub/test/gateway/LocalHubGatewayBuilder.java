package io.qhub.test.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Configures and starts a {@link LocalHubGateway}. Defaults: loopback, a random port,
 * service path {@code /local/echo/1.0.0}, the echo service, PENDING 50 ms then RUNNING
 * 200 ms, tokens valid 1 hour, grants valid 10 minutes; tokens required unless
 * {@link #anonymous(boolean) anonymous} or no key pair is configured. Get one from
 * {@link LocalHubGateway#builder()}.
 */
public final class LocalHubGatewayBuilder {

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

	private @Nullable String executionIdPrefix;

	LocalHubGatewayBuilder() {
	}

	/**
	 * The address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} inside a
	 * container.
	 * @param host the address
	 * @return this builder
	 */
	public LocalHubGatewayBuilder host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return this;
	}

	/**
	 * The port; 0 (the default) picks a free one.
	 * @param port the port
	 * @return this builder
	 */
	public LocalHubGatewayBuilder port(int port) {
		this.port = port;
		return this;
	}

	/**
	 * The service's path, {@code /<context>/<service>/<version>}.
	 * @param servicePath the path, starting with {@code /}
	 * @return this builder
	 */
	public LocalHubGatewayBuilder servicePath(String servicePath) {
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
	public LocalHubGatewayBuilder accessKey(String accessKeyId, String secretAccessKey) {
		this.keyPairs.put(accessKeyId, secretAccessKey);
		return this;
	}

	/**
	 * Whether service calls are served without a valid token; by default only when no key
	 * pair is configured.
	 * @param anonymous {@code true} to skip the token check
	 * @return this builder
	 */
	public LocalHubGatewayBuilder anonymous(boolean anonymous) {
		this.anonymous = anonymous;
		return this;
	}

	/**
	 * The platform API key accepted by the grant endpoint ({@code X-Auth-Token}).
	 * @param apiKey the key
	 * @return this builder
	 */
	public LocalHubGatewayBuilder platformApiKey(String apiKey) {
		this.platformApiKey = apiKey;
		return this;
	}

	/**
	 * How long executions stay PENDING and then RUNNING.
	 * @param pending time in PENDING
	 * @param run time in RUNNING
	 * @return this builder
	 */
	public LocalHubGatewayBuilder timing(Duration pending, Duration run) {
		this.pending = Objects.requireNonNull(pending, "pending");
		this.run = Objects.requireNonNull(run, "run");
		return this;
	}

	/**
	 * How long issued tokens are valid ({@code expires_in}).
	 * @param timeToLive the lifetime
	 * @return this builder
	 */
	public LocalHubGatewayBuilder tokenTimeToLive(Duration timeToLive) {
		this.tokenTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		return this;
	}

	/**
	 * How long issued grant JWTs are valid ({@code exp}).
	 * @param timeToLive the lifetime
	 * @return this builder
	 */
	public LocalHubGatewayBuilder grantTimeToLive(Duration timeToLive) {
		this.grantTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		return this;
	}

	/**
	 * The service behind the gateway; {@link ServiceHandler#echo()} by default.
	 * @param handler the handler
	 * @return this builder
	 */
	public LocalHubGatewayBuilder handler(ServiceHandler handler) {
		this.handler = Objects.requireNonNull(handler, "handler");
		return this;
	}

	/**
	 * Gives executions sequential ids, {@code <prefix>1}, {@code <prefix>2}, ... in start
	 * order, instead of random UUIDs (the default): for tests that name an execution
	 * before it is started, e.g. {@code executionIds("e")} makes the first one
	 * {@code e1}.
	 * @param prefix the prefix, not empty
	 * @return this builder
	 */
	public LocalHubGatewayBuilder executionIds(String prefix) {
		if (prefix.isEmpty()) {
			throw new IllegalArgumentException("prefix must not be empty");
		}
		this.executionIdPrefix = prefix;
		return this;
	}

	/**
	 * The clock that drives execution timing and token expiry.
	 * @param clock the clock
	 * @return this builder
	 */
	public LocalHubGatewayBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * Injects faults at random into a share of the calls of every operation (requests
	 * that match none are spared), on top of faults given to
	 * {@link LocalHubGateway#inject(InjectedFault)}, which fire first. Each call fails
	 * with probability {@code rate}, picking with equal chance one of: 503; 429 with
	 * {@code Retry-After: 0}; 500; the connection dropped halfway through the real
	 * answer's body (the call takes effect, e.g. an execution is started, but the client
	 * never reads the whole answer). Each operation draws from its own random sequence
	 * seeded from {@code seed}, so a run with the same seed and the same number of calls
	 * per operation gets the same faults, however calls interleave. Faults injected are
	 * listed by {@link LocalHubGateway#injectedFaults(GatewayOperation)}.
	 * @param rate the share of calls to fail, between 0 (none, the default) and 1 (all)
	 * @param seed the seed of the random sequences
	 * @return this builder
	 */
	public LocalHubGatewayBuilder faultRate(double rate, long seed) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
		}
		this.faultRate = rate;
		this.faultSeed = seed;
		return this;
	}

	/**
	 * Serves HTTPS (HTTP/1.1) with this certificate instead of plain HTTP; the endpoints
	 * then start with {@code https://}.
	 * @param certificate e.g. {@link GatewayCertificate#generate(java.nio.file.Path)}
	 * @return this builder
	 */
	public LocalHubGatewayBuilder tls(GatewayCertificate certificate) {
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
		TokenIssuer tokens = new TokenIssuer(this.keyPairs, this.tokenTimeToLive, this.clock);
		GrantIssuer grants = new GrantIssuer(this.grantTimeToLive, this.clock);
		GatewayAccess access = new GatewayAccess(this.anonymous, this.platformApiKey, tokens, grants);
		GatewayState state = new GatewayState(this.handler, this.pending, this.run, this.executionIdPrefix);
		RandomFaults randomFaults = (this.faultRate > 0) ? new RandomFaults(this.faultRate, this.faultSeed) : null;
		return new LocalHubGateway(this.host, this.port, this.servicePath, this.certificate, this.clock, access, state,
				new FaultPlan(randomFaults));
	}

}
