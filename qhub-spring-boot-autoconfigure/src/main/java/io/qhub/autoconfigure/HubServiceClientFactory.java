package io.qhub.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TlsSettings;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.datapool.HubPlatformClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Builds the clients of {@code qhub.service.*} and {@code qhub.services.<name>.*} with their builders: binds the
 * service's properties (a named service binds {@code qhub.service.*} first, then its own keys over them), hands each
 * value to the builder, which checks it (a bad value is reported as an {@link InvalidQhubPropertyException} naming
 * the property that holds it), adds observation, then applies the {@link HubServiceClientCustomizer}s.
 */
public final class HubServiceClientFactory {

	/** Name of the client configured by {@code qhub.service.*}. */
	public static final String DEFAULT_NAME = "default";

	static final String DEFAULT_PREFIX = "qhub.service";

	static final String NAMED_PREFIX = "qhub.services";

	/**
	 * Spring Boot's HTTP client settings that the clients honour when their own key is unset, by the key relative
	 * to {@code qhub.service}. Boot's {@code spring.http.clients.redirects} is not among them: the clients never
	 * follow redirects.
	 */
	static final Map<String, String> BOOT_HTTP_CLIENT_KEYS = Map.of("connect-timeout",
			"spring.http.clients.connect-timeout", "read-timeout", "spring.http.clients.read-timeout", "ssl.bundle",
			"spring.http.clients.ssl.bundle");

	/** A value that is one placeholder without default, as Spring leaves it when nothing resolves it. */
	private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)}");

	private final Environment environment;

	private final PropertyProblems problems;

	private final List<HubServiceClientCustomizer> customizers;

	private final Supplier<@Nullable HubPlatformClient> platformClient;

	private final Supplier<@Nullable HubServiceConnectionDetails> connectionDetails;

	private final Supplier<@Nullable SslBundles> sslBundles;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ExecutionObservationConvention executionConvention;

	private final @Nullable ClientRequestObservationConvention requestConvention;

	HubServiceClientFactory(Environment environment, List<HubServiceClientCustomizer> customizers,
			Supplier<@Nullable HubPlatformClient> platformClient,
			Supplier<@Nullable HubServiceConnectionDetails> connectionDetails, Supplier<@Nullable SslBundles> sslBundles,
			ObservationRegistry observationRegistry, @Nullable ExecutionObservationConvention executionConvention,
			@Nullable ClientRequestObservationConvention requestConvention) {
		this.environment = environment;
		this.problems = new PropertyProblems(environment);
		this.customizers = List.copyOf(customizers);
		this.platformClient = platformClient;
		this.connectionDetails = connectionDetails;
		this.sslBundles = sslBundles;
		this.observationRegistry = observationRegistry;
		this.executionConvention = executionConvention;
		this.requestConvention = requestConvention;
	}

	/**
	 * Builds the reactive client of {@code qhub.service.*}, connected as its {@link HubServiceConnectionDetails} say
	 * (the properties, unless a bean such as a Testcontainers service connection replaces them).
	 * @return the client
	 */
	public ReactiveHubServiceClient createDefault() {
		HubServiceClientBuilder builder = builder(DEFAULT_NAME);
		HubServiceConnectionDetails details = this.connectionDetails.get();
		if (details != null && !(details instanceof PropertiesHubServiceConnectionDetails)) {
			builder.serviceEndpoint(details.getServiceEndpoint())
				.tokenEndpoint(details.getTokenEndpoint())
				.accessKeyId(details.getAccessKeyId())
				.secretAccessKey(details.getSecretAccessKey());
		}
		return build(builder, DEFAULT_NAME);
	}

	/**
	 * Builds the reactive client of {@code qhub.services.<name>.*}, inheriting every key it leaves unset from
	 * {@code qhub.service.*}.
	 * @param name the service name
	 * @return the client
	 */
	public ReactiveHubServiceClient createNamed(String name) {
		return build(builder(name), name);
	}

	/**
	 * The builder of one service, configured from its properties and the customizers, not yet built.
	 * @param name {@value #DEFAULT_NAME} or a key under {@code qhub.services}
	 * @return the builder
	 */
	public HubServiceClientBuilder builder(String name) {
		HubServiceClientBuilder builder = configured(name);
		HubPlatformClient platform = this.platformClient.get();
		if (platform != null) {
			builder.platformClient(platform);
		}
		return customized(name, builder);
	}

	private HubServiceClientBuilder customized(String name, HubServiceClientBuilder builder) {
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return builder;
	}

	private HubServiceClientBuilder configured(String name) {
		ServiceProperties service = bind(name);
		HubServiceClientBuilder builder = HubServiceClient.builder();
		settings(name, builder, service);
		builder.observationRegistry(this.observationRegistry);
		if (this.executionConvention != null) {
			builder.executionObservationConvention(this.executionConvention);
		}
		if (this.requestConvention != null) {
			builder.requestObservationConvention(this.requestConvention);
		}
		if (!DEFAULT_NAME.equals(name)) {
			builder.serviceName(name);
		}
		return builder;
	}

	/**
	 * Builds the platform client of {@code qhub.platform.*}, talking HTTP like the default service (its timeouts,
	 * limits, retry, {@code HttpClient} customizers and observation; the customizers see the name
	 * {@value #DEFAULT_NAME}).
	 * @param platform the platform properties
	 * @return the platform client
	 */
	HubPlatformClient createPlatformClient(PlatformProperties platform) {
		HubPlatformClient.Builder builder = HubPlatformClient.builder()
			.apiKey(platform.getApiKey())
			.organizationId(platform.getOrganizationId())
			.platformEndpoint(platform.getEndpoint())
			.transportSettings(customized(DEFAULT_NAME, configured(DEFAULT_NAME)).transportSettings())
			.observationRegistry(this.observationRegistry);
		try {
			return builder.build();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid("qhub.platform", ex);
		}
	}

	private static String prefix(String name) {
		return DEFAULT_NAME.equals(name) ? DEFAULT_PREFIX : NAMED_PREFIX + "." + name;
	}

	/**
	 * A service's properties: Spring Boot's HTTP client settings ({@link #BOOT_HTTP_CLIENT_KEYS}) where they are
	 * set, then {@code qhub.service.*} over them, then (for a named service) its own keys.
	 */
	private ServiceProperties bind(String name) {
		ServiceProperties service = new ServiceProperties();
		Binder binder = Binder.get(this.environment);
		binder.bind(BOOT_HTTP_CLIENT_KEYS.get("connect-timeout"), Duration.class).ifBound(service::setConnectTimeout);
		binder.bind(BOOT_HTTP_CLIENT_KEYS.get("read-timeout"), Duration.class).ifBound(service::setReadTimeout);
		binder.bind(BOOT_HTTP_CLIENT_KEYS.get("ssl.bundle"), String.class).ifBound(service.getSsl()::setBundle);
		binder.bind(DEFAULT_PREFIX, Bindable.ofInstance(service));
		if (!DEFAULT_NAME.equals(name)) {
			binder.bind(NAMED_PREFIX + "." + name, Bindable.ofInstance(service));
		}
		return service;
	}

	/**
	 * Hands every property of a service to the builder; the builder (or the policy record) checks each value.
	 */
	private void settings(String name, HubServiceClientBuilder builder, ServiceProperties service) {
		requireResolved(name, "serviceEndpoint", service.getEndpoint());
		requireResolved(name, "accessKeyId", service.getAccessKeyId());
		requireResolved(name, "secretAccessKey", service.getSecretAccessKey());
		requireResolved(name, "tokenEndpoint", service.getTokenEndpoint());
		ServiceProperties.Polling polling = service.getPolling();
		ServiceProperties.ResultRetry retry = service.getResultRetry();
		List<Runnable> settings = List.of(() -> builder.serviceEndpoint(service.getEndpoint()),
				() -> builder.accessKeyId(service.getAccessKeyId()),
				() -> builder.secretAccessKey(service.getSecretAccessKey()),
				() -> builder.tokenEndpoint(service.getTokenEndpoint()),
				() -> builder.tokenRefreshBeforeExpiry(service.getTokenRefreshBeforeExpiry()),
				() -> builder.connectTimeout(service.getConnectTimeout()),
				() -> builder.readTimeout(service.getReadTimeout()),
				() -> builder.callTimeout(service.getCallTimeout()),
				() -> builder.maxConnections(service.getMaxConnections()),
				() -> builder.maxJsonBodySize(service.getMaxJsonBodySize().toBytes()),
				() -> builder.proxy(proxy(service.getProxy())),
				() -> builder.tls(tls(service.getSsl().getBundle())),
				() -> builder.polling(nested("polling", () -> new PollingPolicy(polling.getInitialInterval(),
						polling.getMaxInterval(), polling.getTimeout(), polling.isLearning()))),
				() -> builder.resultRetry(nested("resultRetry", () -> new ResultRetryPolicy(retry.getMaxAttempts(),
						retry.getInitialBackoff(), retry.getMultiplier(), retry.getMaxBackoff()))));
		for (Runnable setting : settings) {
			try {
				setting.run();
			}
			catch (InvalidSettingException ex) {
				throw this.problems.invalid(prefix(name), ex);
			}
		}
	}

	/**
	 * Fails on a value that is still a placeholder, such as {@code ${QHUB_ACCESS_KEY_ID}} when that variable is not
	 * set (Spring leaves an unresolvable placeholder as written), instead of sending it as a key.
	 */
	private void requireResolved(String name, String setting, @Nullable String value) {
		Matcher placeholder = (value != null) ? UNRESOLVED_PLACEHOLDER.matcher(value) : null;
		if (placeholder != null && placeholder.matches()) {
			String variable = placeholder.group(1);
			String property = this.problems.property(prefix(name), setting);
			throw this.problems.invalid(property, "holds the unresolved placeholder ${" + variable + "}",
					"Set the environment variable or property " + variable + ", or give " + property
							+ " a default (${" + variable + ":...}).");
		}
	}

	private ReactiveHubServiceClient build(HubServiceClientBuilder builder, String name) {
		try {
			return builder.buildReactive();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid(prefix(name), ex);
		}
	}

	private static ProxySettings proxy(ServiceProperties.Proxy proxy) {
		ProxySettings.Type type = (proxy.getHost() != null)
				? (proxy.getType() == ServiceProperties.ProxyType.SOCKS5) ? ProxySettings.Type.SOCKS5
						: ProxySettings.Type.HTTP
				: proxy.isUseSystemProperties() ? ProxySettings.Type.SYSTEM_PROPERTIES : ProxySettings.Type.DIRECT;
		return new ProxySettings(type, proxy.getHost(), (proxy.getPort() != null) ? proxy.getPort() : 0,
				proxy.getUsername(), proxy.getPassword(), proxy.getNonProxyHosts());
	}

	/** The TLS of an SSL bundle, as Spring Boot applies one to its own Reactor Netty clients. */
	private TlsSettings tls(@Nullable String bundleName) {
		if (bundleName == null) {
			return TlsSettings.jdkDefaults();
		}
		SslBundles bundles = this.sslBundles.get();
		if (bundles == null) {
			throw new InvalidSettingException("ssl.bundle", "needs Spring Boot's SSL bundles (spring.ssl.bundle.*), "
					+ "but the application has no SslBundles bean", bundleName);
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidSettingException("ssl.bundle", "must name an SSL bundle configured under "
					+ "spring.ssl.bundle (known: " + String.join(", ", bundles.getBundleNames()) + ")", bundleName);
		}
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		return new TlsSettings(managers.getKeyManagerFactory(), managers.getTrustManagerFactory(),
				SslOptions.asSet(options.getEnabledProtocols()), SslOptions.asSet(options.getCiphers()));
	}

	private static <T> T nested(String parent, Supplier<T> policy) {
		try {
			return policy.get();
		}
		catch (InvalidSettingException ex) {
			throw ex.under(parent);
		}
	}

}
