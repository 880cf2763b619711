package io.qhub.service.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.netty.channel.ChannelOption;
import io.qhub.service.client.internal.CredentialOriginGuard;
import io.qhub.service.client.internal.GatewayEndpoint;
import io.qhub.service.client.internal.InsecureEndpointWarning;
import io.qhub.service.client.internal.GatewayExchange;
import io.qhub.service.client.internal.GatewayJson;
import io.qhub.service.client.internal.TransportRetryFilter;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Client of the Hub Platform API, used by {@link HubServiceClient} to acquire data-pool grants: the Java
 * counterpart of the Python SDK's {@code HubPlatformClient}. Sends {@code X-Auth-Token: <api key>} and, when set,
 * {@code X-OrganizationId} — only to the platform endpoint. Without an explicit key it resolves ambient
 * credentials like the Python SDK ({@link DefaultCredentialsProvider}, {@link ContextResolver}); a client without
 * any key can be built, but acquiring a grant with it fails with
 * {@code IllegalStateException("apiKey is required for data pool grant acquisition")}. Thread-safe.
 */
public final class HubPlatformClient {

	/** Default platform API endpoint. */
	public static final String DEFAULT_PLATFORM_ENDPOINT = "https://api.hub.kipu-quantum.com/qc-catalog";

	static final String API_KEY_REQUIRED = "apiKey is required for data pool grant acquisition";

	private final String platformEndpoint;

	private final @Nullable String organizationId;

	private final @Nullable DataPoolGrantsApi dataPoolGrants;

	private final @Nullable HubClientException credentialsProblem;

	private HubPlatformClient(Builder builder, String platformEndpoint, @Nullable String apiKey,
			@Nullable String organizationId, @Nullable HubClientException credentialsProblem) {
		this.platformEndpoint = platformEndpoint;
		this.organizationId = organizationId;
		this.credentialsProblem = credentialsProblem;
		this.dataPoolGrants = (apiKey != null) ? grantsApi(builder, platformEndpoint, apiKey, organizationId) : null;
	}

	private static DataPoolGrantsApi grantsApi(Builder builder, String platformEndpoint, String apiKey,
			@Nullable String organizationId) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) builder.connectTimeout.toMillis())
			.responseTimeout(builder.readTimeout);
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.defaultHeader(HttpHeaders.USER_AGENT, UserAgent.VALUE)
			.defaultHeader("X-Auth-Token", apiKey)
			.filter(new TransportRetryFilter(TransportRetryPolicy.DEFAULT, builder.sleeper, builder.clock))
			.filter(new CredentialOriginGuard(platformEndpoint));
		InsecureEndpointWarning.check(platformEndpoint, "platform endpoint");
		if (organizationId != null) {
			webClient.defaultHeader("X-OrganizationId", organizationId);
		}
		return new DataPoolGrantsApi(webClient.build(), URI.create(platformEndpoint + "/data-pool-grants"),
				new GatewayJson(), new GatewayExchange(builder.clock));
	}

	/**
	 * Starts building a platform client.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The platform API endpoint.
	 * @return the URL without a trailing slash
	 */
	public String platformEndpoint() {
		return this.platformEndpoint;
	}

	/**
	 * The organization the calls act for.
	 * @return the organization id, or empty for the personal account
	 */
	public Optional<String> organizationId() {
		return Optional.ofNullable(this.organizationId);
	}

	/**
	 * Whether an API key was given or found.
	 * @return {@code true} with a key
	 */
	public boolean hasApiKey() {
		return this.dataPoolGrants != null;
	}

	/**
	 * The data-pool grant endpoint.
	 * @return the grants API
	 * @throws IllegalStateException {@code "apiKey is required for data pool grant acquisition"} without a key
	 */
	public DataPoolGrantsApi dataPoolGrants() {
		if (this.dataPoolGrants == null) {
			throw new IllegalStateException(API_KEY_REQUIRED, this.credentialsProblem);
		}
		return this.dataPoolGrants;
	}

	/**
	 * Why ambient credentials could not be read (e.g. a malformed CLI config file), if that is why there is no key.
	 * @return the problem, or {@code null}
	 */
	@Nullable HubClientException credentialsProblem() {
		return this.credentialsProblem;
	}

	@Override
	public String toString() {
		return "HubPlatformClient[endpoint=" + this.platformEndpoint + ", organizationId=" + this.organizationId
				+ ", apiKey=" + (hasApiKey() ? "******" : "none") + "]";
	}

	/**
	 * Builds a {@link HubPlatformClient}. Everything is optional.
	 */
	public static final class Builder {

		private @Nullable String apiKey;

		private @Nullable String organizationId;

		private String platformEndpoint = DEFAULT_PLATFORM_ENDPOINT;

		private PlatformEnvironment environment = PlatformEnvironment.system();

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration readTimeout = Duration.ofSeconds(60);

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.DEFAULT;

		private Builder() {
		}

		/**
		 * The personal access token (API key); when not given, {@link DefaultCredentialsProvider} looks for one.
		 * Never logged or shown.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = (apiKey == null || apiKey.isBlank()) ? null : apiKey;
			return this;
		}

		/**
		 * The organization to act for; when not given, {@link ContextResolver} looks for one.
		 * @param organizationId the organization id
		 * @return this builder
		 */
		public Builder organizationId(@Nullable String organizationId) {
			this.organizationId = (organizationId == null || organizationId.isBlank()) ? null : organizationId;
			return this;
		}

		/**
		 * The platform API endpoint; defaults to {@value HubPlatformClient#DEFAULT_PLATFORM_ENDPOINT}.
		 * @param platformEndpoint the URL
		 * @return this builder
		 */
		public Builder platformEndpoint(String platformEndpoint) {
			this.platformEndpoint = GatewayEndpoint.validate(platformEndpoint, "platformEndpoint");
			return this;
		}

		/**
		 * Where ambient credentials are looked up; the process environment by default.
		 * @param environment the environment
		 * @return this builder
		 */
		public Builder environment(PlatformEnvironment environment) {
			this.environment = Objects.requireNonNull(environment, "environment");
			return this;
		}

		/**
		 * Connect and read timeouts of platform calls; 10 s and 60 s by default.
		 * @param connectTimeout the connect timeout
		 * @param readTimeout the read timeout
		 * @return this builder
		 */
		public Builder timeouts(Duration connectTimeout, Duration readTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
			this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * The clock for {@code Retry-After} dates; tests inject their own.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * What waits between transport retries; tests inject one that returns at once.
		 * @param sleeper the sleeper
		 * @return this builder
		 */
		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
			return this;
		}

		/**
		 * Builds the client, resolving ambient credentials for what was not given. A malformed CLI config file
		 * is not an error here; it is reported (with its path) when a grant is needed.
		 * @return the client
		 */
		public HubPlatformClient build() {
			String key = this.apiKey;
			String organization = this.organizationId;
			HubClientException problem = null;
			try {
				if (key == null) {
					key = new DefaultCredentialsProvider(this.environment).personalAccessToken().orElse(null);
				}
				if (organization == null) {
					organization = new ContextResolver(this.environment).organizationId().orElse(null);
				}
			}
			catch (HubClientException ex) {
				problem = ex;
			}
			return new HubPlatformClient(this, this.platformEndpoint, key, organization, problem);
		}

	}

}
