package io.qhub.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.HubPlatformClient;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.observation.ExecutionObservationConvention;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link HubServiceClient}: a primary client from {@code qhub.service.*} when
 * {@code qhub.service.endpoint} is set (backing off when the application defines its own), one qualified client per
 * {@code qhub.services.<name>}, a {@link HubServiceClients} registry, and observation through the application's
 * {@code ObservationRegistry} when Micrometer is present, and a {@link HubPlatformClient} for data-pool grants when
 * {@code qhub.platform.api-key} has text (wired into every client). {@code qhub.enabled=false} switches it all off.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(HubServiceClient.class)
@ConditionalOnBooleanProperty(name = "qhub.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QhubProperties.class)
@Import(NamedHubServiceClientsRegistrar.class)
public final class QhubServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HubServiceClientFactory hubServiceClientFactory(QhubProperties properties, Environment environment,
			ObjectProvider<HubServiceClientCustomizer> customizers, ObjectProvider<HubPlatformClient> platformClient) {
		return new HubServiceClientFactory(properties, environment, customizers.orderedStream().toList(),
				platformClient.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnPlatformApiKeyCondition.class)
	HubPlatformClient hubPlatformClient(QhubProperties properties) {
		PlatformProperties platform = properties.getPlatform();
		String endpointProperty = "qhub.platform.endpoint";
		HubPlatformClient.Builder builder = HubPlatformClient.builder()
			.apiKey(platform.getApiKey())
			.organizationId(platform.getOrganizationId());
		try {
			builder.platformEndpoint(platform.getEndpoint());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidQhubPropertyException(endpointProperty, String.valueOf(ex.getMessage()),
					"Set " + endpointProperty + " to an absolute http(s) URL, or remove it to use "
							+ HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT + ".");
		}
		return builder.build();
	}

	@Bean(destroyMethod = "close")
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "qhub.service", name = "endpoint")
	HubServiceClient hubServiceClient(HubServiceClientFactory factory) {
		return factory.createDefault();
	}

	@Bean
	@ConditionalOnMissingBean
	HubServiceClients hubServiceClients(Environment environment, BeanFactory beanFactory,
			ObjectProvider<HubServiceClient> clients) {
		Map<String, HubServiceClient> named = new LinkedHashMap<>();
		for (String name : NamedHubServiceClientsRegistrar.serviceNames(environment)) {
			named.put(name, beanFactory.getBean(NamedHubServiceClientsRegistrar.beanName(name), HubServiceClient.class));
		}
		Map<String, HubServiceClient> byName = new LinkedHashMap<>();
		HubServiceClient primary = clients.getIfUnique();
		if (primary != null && !named.containsValue(primary)) {
			byName.put(HubServiceClientFactory.DEFAULT_NAME, primary);
		}
		byName.putAll(named);
		return new HubServiceClients(byName);
	}

	/** Passes the application's {@code ObservationRegistry} (and an execution convention bean) to every client. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		HubServiceClientCustomizer qhubObservationCustomizer(ObservationRegistry registry,
				ObjectProvider<ExecutionObservationConvention> convention) {
			return (name, builder) -> {
				builder.observationRegistry(registry);
				convention.ifUnique(builder::executionObservationConvention);
			};
		}

	}

}
