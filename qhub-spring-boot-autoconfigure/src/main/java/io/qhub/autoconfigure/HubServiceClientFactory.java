package io.qhub.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.client.InvalidSettingException;
import io.qhub.service.client.PollingPolicy;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ResultRetryPolicy;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.datapool.HubPlatformClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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

	private final Environment environment;

	private final PropertyProblems problems;

	private final List<HubServiceClientCustomizer> customizers;

	private final Supplier<@Nullable HubPlatformClient> platformClient;

	private final Supplier<@Nullable HubServiceConnectionDetails> connectionDetails;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ExecutionObservationConvention executionConvention;

	private final @Nullable ClientRequestObservationConvention requestConvention;

	HubServiceClientFactory(Environment environment, List<HubServiceClientCustomizer> customizers,
			Supplier<@Nullable HubPlatformClient> platformClient,
			Supplier<@Nullable HubServiceConnectionDetails> connectionDetails, ObservationRegistry observationRegistry,
			@Nullable ExecutionObservationConvention executionConvention,
			@Nullable ClientRequestObservationConvention requestConvention) {
		this.environment = environment;
		this.problems = new PropertyProblems(environment);
		this.customizers = List.copyOf(customizers);
		this.platformClient = platformClient;
		this.connectionDetails = connectionDetails;
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

	private ServiceProperties bind(String name) {
		ServiceProperties service = new ServiceProperties();
		Binder binder = Binder.get(this.environment);
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
				() -> builder.polling(nested("polling", () -> new PollingPolicy(polling.getInitialInterval(),
						polling.getMaxInterval(), polling.getTimeout()))),
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

	private ReactiveHubServiceClient build(HubServiceClientBuilder builder, String name) {
		try {
			return builder.buildReactive();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid(prefix(name), ex);
		}
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
