package io.qhub.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.autoconfigure.diagnostics.PropertyProblems;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.datapool.HubPlatformClient;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Builds the auto-configured clients by service name: the {@value #DEFAULT_NAME} service
 * connected as its {@link HubServiceConnectionDetails} bean says, each
 * {@code qhub.services.<name>} connected as its properties say (inheriting from
 * {@code qhub.service.*}); the {@link ServicePropertiesMapper} maps the other settings,
 * then observation, the platform client and the {@link HubServiceClientCustomizer}s (the
 * one extension point) apply.
 */
final class HubServiceClientFactory {

	/** Name of the client configured by {@code qhub.service.*}. */
	static final String DEFAULT_NAME = "default";

	private static final ServiceProperties NONE = new ServiceProperties();

	private final HubProperties properties;

	private final ServicePropertiesMapper mapper;

	private final PropertyProblems problems;

	private final List<HubServiceClientCustomizer> customizers;

	private final Supplier<@Nullable HubServiceConnectionDetails> connectionDetails;

	private final Supplier<@Nullable HubPlatformClient> platformClient;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ExecutionObservationConvention executionConvention;

	private final @Nullable ClientRequestObservationConvention requestConvention;

	HubServiceClientFactory(HubProperties properties, ServicePropertiesMapper mapper, PropertyProblems problems,
			List<HubServiceClientCustomizer> customizers,
			Supplier<@Nullable HubServiceConnectionDetails> connectionDetails,
			Supplier<@Nullable HubPlatformClient> platformClient, ObservationRegistry observationRegistry,
			@Nullable ExecutionObservationConvention executionConvention,
			@Nullable ClientRequestObservationConvention requestConvention) {
		this.properties = properties;
		this.mapper = mapper;
		this.problems = problems;
		this.customizers = List.copyOf(customizers);
		this.connectionDetails = connectionDetails;
		this.platformClient = platformClient;
		this.observationRegistry = observationRegistry;
		this.executionConvention = executionConvention;
		this.requestConvention = requestConvention;
	}

	/**
	 * Builds the reactive client of one service.
	 * @param name {@value #DEFAULT_NAME} or a key under {@code qhub.services}
	 * @return the client
	 */
	ReactiveHubServiceClient create(String name) {
		HubServiceClientBuilder builder = configured(name, connectionDetails(name));
		HubPlatformClient platform = this.platformClient.get();
		if (platform != null) {
			builder.platformClient(platform);
		}
		try {
			return customized(name, builder).buildReactive();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid(prefix(name), ex);
		}
	}

	/**
	 * Builds the platform client of {@code qhub.platform.*}, talking HTTP like the
	 * default service (its timeouts, limits, retry, {@code HttpClient} customizers and
	 * observation; the customizers see the name {@value #DEFAULT_NAME}).
	 * @param platform the platform properties
	 * @return the platform client
	 */
	HubPlatformClient createPlatformClient(PlatformProperties platform) {
		HubServiceClientBuilder service = customized(DEFAULT_NAME,
				configured(DEFAULT_NAME, this.connectionDetails.get()));
		HubPlatformClient.Builder builder = HubPlatformClient.builder()
			.apiKey(platform.getApiKey())
			.organizationId(platform.getOrganizationId())
			.platformEndpoint(platform.getEndpoint())
			.transportSettings(service.transportSettings())
			.observationRegistry(this.observationRegistry);
		try {
			return builder.build();
		}
		catch (InvalidSettingException ex) {
			throw this.problems.invalid("qhub.platform", ex);
		}
	}

	private @Nullable HubServiceConnectionDetails connectionDetails(String name) {
		if (DEFAULT_NAME.equals(name)) {
			return this.connectionDetails.get();
		}
		return new PropertiesHubServiceConnectionDetails(named(name), this.properties.getService());
	}

	private HubServiceClientBuilder configured(String name, @Nullable HubServiceConnectionDetails details) {
		HubServiceClientBuilder builder = HubServiceClient.builder();
		String prefix = prefix(name);
		if (details != null) {
			this.mapper.mapConnection(prefix, details, builder);
		}
		if (DEFAULT_NAME.equals(name)) {
			this.mapper.mapSettings(prefix, this.properties.getService(), NONE, builder);
		}
		else {
			this.mapper.mapSettings(prefix, named(name), this.properties.getService(), builder);
		}
		builder.serviceName(name).observationRegistry(this.observationRegistry);
		if (this.executionConvention != null) {
			builder.executionObservationConvention(this.executionConvention);
		}
		if (this.requestConvention != null) {
			builder.requestObservationConvention(this.requestConvention);
		}
		return builder;
	}

	private HubServiceClientBuilder customized(String name, HubServiceClientBuilder builder) {
		this.customizers.forEach((customizer) -> customizer.customize(name, builder));
		return builder;
	}

	private ServiceProperties named(String name) {
		ServiceProperties service = this.properties.getServices().get(name);
		return (service != null) ? service : NONE;
	}

	private static String prefix(String name) {
		return DEFAULT_NAME.equals(name) ? "qhub.service" : "qhub.services." + name;
	}

}
