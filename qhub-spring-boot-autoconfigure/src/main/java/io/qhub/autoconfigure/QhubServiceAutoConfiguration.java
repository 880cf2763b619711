package io.qhub.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import io.qhub.service.datapool.HubPlatformClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Auto-configuration of the Kipu Quantum Hub clients. When {@code qhub.service.endpoint} is set (or a
 * {@link HubServiceConnectionDetails} bean, such as a Testcontainers service connection, says where it is): a primary
 * {@link ReactiveHubServiceClient} (owning the connection pool, closed with the context) and a primary
 * {@link HubServiceClient} over it, each backing off when the application defines its own; for each
 * {@code qhub.services.<name>} the same pair qualified {@code @Qualifier("<name>")}; a {@link HubServiceClients}
 * registry; observation through the application's {@code ObservationRegistry} (and conventions) when there is one;
 * and a {@link HubPlatformClient} for data-pool grants when {@code qhub.platform.api-key} has text (used by every
 * client). {@code qhub.enabled=false} switches it all off.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(HubServiceClient.class)
@ConditionalOnBooleanProperty(name = "qhub.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QhubProperties.class)
@Import(NamedHubServiceClientsRegistrar.class)
public final class QhubServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HubServiceConnectionDetails.class)
	@ConditionalOnProperty(prefix = "qhub.service", name = "endpoint")
	PropertiesHubServiceConnectionDetails hubServiceConnectionDetails(QhubProperties properties) {
		return new PropertiesHubServiceConnectionDetails(properties.getService());
	}

	@Bean
	@ConditionalOnMissingBean
	HubServiceClientFactory hubServiceClientFactory(Environment environment,
			ObjectProvider<HubServiceClientCustomizer> customizers, ObjectProvider<HubPlatformClient> platformClient,
			ObjectProvider<HubServiceConnectionDetails> connectionDetails, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ExecutionObservationConvention> executionConvention,
			ObjectProvider<ClientRequestObservationConvention> requestConvention) {
		return new HubServiceClientFactory(environment, customizers.orderedStream().toList(), platformClient::getIfUnique,
				connectionDetails::getIfAvailable, sslBundles::getIfAvailable, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				executionConvention.getIfUnique(), requestConvention.getIfUnique());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Conditional(OnPlatformApiKeyCondition.class)
	HubPlatformClient hubPlatformClient(HubServiceClientFactory factory, QhubProperties properties) {
		return factory.createPlatformClient(properties.getPlatform());
	}

	@Bean(destroyMethod = "close")
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnBean(HubServiceConnectionDetails.class)
	ReactiveHubServiceClient reactiveHubServiceClient(HubServiceClientFactory factory) {
		return factory.createDefault();
	}

	/** The blocking layer over the default reactive client; it shares (and does not close) its resources. */
	@Bean(destroyMethod = "")
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveHubServiceClient.class)
	HubServiceClient hubServiceClient(ReactiveHubServiceClient reactiveHubServiceClient) {
		return HubServiceClient.of(reactiveHubServiceClient);
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

}
