package io.qhub.service.datapool;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.core.internal.PlatformTransport;
import io.qhub.service.core.internal.TransportContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Client of the Hub Platform API, used by the service clients to acquire data-pool
 * grants: the Java counterpart of the Python SDK's {@code HubPlatformClient}. Sends
 * {@code X-Auth-Token: <api key>} and, when set, {@code X-OrganizationId} — only to the
 * platform endpoint — over the same HTTP stack as the service clients (connection pool,
 * timeouts, limits, {@code HttpClient} customizer and observation from its
 * {@link TransportSettings}). Without an explicit key it resolves ambient credentials
 * like the Python SDK ({@link DefaultCredentialsProvider}, {@link ContextResolver}); a
 * client without any key can be built, but acquiring a grant with it fails with
 * {@code IllegalStateException("apiKey is required for data pool grant
 * acquisition")}. Thread-safe; {@link #close()} releases its connections.
 */
public final class HubPlatformClient implements AutoCloseable {

	/** Default platform API endpoint. */
	public static final String DEFAULT_PLATFORM_ENDPOINT = "https://api.hub.kipu-quantum.com/qc-catalog";

	/**
	 * The message of the failure when grants are needed but no API key is configured or
	 * found.
	 */
	public static final String API_KEY_REQUIRED = "apiKey is required for data pool grant acquisition";

	private final String platformEndpoint;

	private final @Nullable String organizationId;

	private final @Nullable PlatformTransport transport;

	private final @Nullable DataPoolGrantsApi dataPoolGrants;

	private final @Nullable DataPoolGrantCache grants;

	private final @Nullable HubClientException credentialsProblem;

	private HubPlatformClient(Builder builder, String platformEndpoint, @Nullable String apiKey,
			@Nullable String organizationId, @Nullable HubClientException credentialsProblem) {
		this.platformEndpoint = platformEndpoint;
		this.organizationId = organizationId;
		this.credentialsProblem = credentialsProblem;
		if (apiKey != null) {
			this.transport = PlatformTransport.create(new TransportContext(builder.transport,
					builder.observationRegistry, null, null, builder.clock, builder.sleeper), platformEndpoint, apiKey,
					organizationId);
			this.dataPoolGrants = new DataPoolGrantsApi(this.transport);
			this.grants = new DataPoolGrantCache(this.dataPoolGrants, builder.clock);
		}
		else {
			this.transport = null;
			this.dataPoolGrants = null;
			this.grants = null;
		}
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
	 * @return the URL without a trailing slash, user-info masked
	 */
	public String platformEndpoint() {
		return (this.transport != null) ? this.transport.platformEndpoint() : this.platformEndpoint;
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
	 * @throws IllegalStateException {@value #API_KEY_REQUIRED} without a key
	 */
	public DataPoolGrantsApi dataPoolGrants() {
		if (this.dataPoolGrants == null) {
			throw new IllegalStateException(API_KEY_REQUIRED, this.credentialsProblem);
		}
		return this.dataPoolGrants;
	}

	/**
	 * A grant JWT for the grant's data pool, application and permission: reused until 30
	 * s before its {@code exp}, so runs in a tight loop cost one platform call;
	 * concurrent callers share one call.
	 * @param grant the grant
	 * @return the JWT; fails with
	 * {@code IllegalStateException(}{@value #API_KEY_REQUIRED}{@code )}, before any
	 * request, without an API key
	 */
	public Mono<String> grant(DataPoolGrant grant) {
		Objects.requireNonNull(grant, "grant");
		DataPoolGrantCache cache = this.grants;
		return (cache != null) ? cache.token(grant)
				: Mono.error(() -> new IllegalStateException(API_KEY_REQUIRED, this.credentialsProblem));
	}

	/** Releases the connection pool and forgets the cached grants. Idempotent. */
	@Override
	public void close() {
		if (this.grants != null) {
			this.grants.close();
		}
		if (this.transport != null) {
			this.transport.close();
		}
	}

	@Override
	public String toString() {
		return "HubPlatformClient[endpoint=" + platformEndpoint() + ", organizationId=" + this.organizationId
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

		private TransportSettings transport = TransportSettings.defaults();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.DEFAULT;

		private Builder() {
		}

		/**
		 * The personal access token (API key); when not given,
		 * {@link DefaultCredentialsProvider} looks for one. Never logged or shown.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = (apiKey == null || apiKey.isBlank()) ? null : apiKey;
			return this;
		}

		/**
		 * The organization to act for; when not given, {@link ContextResolver} looks for
		 * one.
		 * @param organizationId the organization id
		 * @return this builder
		 */
		public Builder organizationId(@Nullable String organizationId) {
			this.organizationId = (organizationId == null || organizationId.isBlank()) ? null : organizationId;
			return this;
		}

		/**
		 * The platform API endpoint; defaults to
		 * {@value HubPlatformClient#DEFAULT_PLATFORM_ENDPOINT}.
		 * @param platformEndpoint the URL
		 * @return this builder
		 */
		public Builder platformEndpoint(String platformEndpoint) {
			this.platformEndpoint = Objects.requireNonNull(platformEndpoint, "platformEndpoint");
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
		 * The HTTP settings (timeouts, limits, retry, {@code HttpClient} customizer); a
		 * service client passes its own to the platform client it builds.
		 * @param transport the settings
		 * @return this builder
		 */
		public Builder transportSettings(TransportSettings transport) {
			this.transport = Objects.requireNonNull(transport, "transport");
			return this;
		}

		/**
		 * The Micrometer registry for {@code http.client.requests} of platform calls;
		 * none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * The clock for deadlines, grant expiry and {@code Retry-After} dates; tests
		 * inject their own.
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
		 * Builds the client, resolving ambient credentials for what was not given. A
		 * malformed CLI config file is not an error here; it is reported (with its path)
		 * when a grant is needed.
		 * @return the client
		 * @throws io.qhub.service.core.InvalidSettingException naming
		 * {@code platformEndpoint} when it is malformed
		 */
		public HubPlatformClient build() {
			String endpoint = PlatformTransport.validateEndpoint(this.platformEndpoint);
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
			return new HubPlatformClient(this, endpoint, key, organization, problem);
		}

	}

}
