package io.qhub.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.autoconfigure.diagnostics.PropertyProblems;
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
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * Auto-configuration of the Kipu Quantum Hub clients. When {@code qhub.service.endpoint}
 * is set (or a {@link HubServiceConnectionDetails} bean, such as a Testcontainers service
 * connection, says where it is): a primary {@link ReactiveHubServiceClient} (owning the
 * connection pool, closed with the context) and a primary {@link HubServiceClient} over
 * it, each backing off when the application defines its own; for each
 * {@code qhub.services.<name>} the same pair qualified {@code @Qualifier("<name>")}; a
 * {@link HubServiceClients} registry; observation through the application's
 * {@code ObservationRegistry} (and conventions) when there is one; and a
 * {@link HubPlatformClient} for data-pool grants when {@code qhub.platform.api-key} has
 * text (used by every client). Spring Boot's {@link HttpClientSettings} bean
 * ({@code spring.http.clients.*}) supplies the connect and read timeouts and the SSL
 * bundle that a service's properties leave unset; redirects are never followed.
 * {@code qhub.enabled=false} switches it all off.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = { "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(HubServiceClient.class)
@ConditionalOnBooleanProperty(name = "qhub.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HubProperties.class)
@Import(NamedHubServiceClientsRegistrar.class)
public final class HubServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(HubServiceConnectionDetails.class)
	@ConditionalOnProperty(prefix = "qhub.service", name = "endpoint")
	PropertiesHubServiceConnectionDetails hubServiceConnectionDetails(HubProperties properties) {
		return new PropertiesHubServiceConnectionDetails(properties.getService());
	}

	@Bean
	HubServiceClientFactory hubServiceClientFactory(HubProperties properties, Environment environment,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<HubServiceClientCustomizer> customizers,
			ObjectProvider<HubServiceConnectionDetails> connectionDetails,
			ObjectProvider<HubPlatformClient> platformClient, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ExecutionObservationConvention> executionConvention,
			ObjectProvider<ClientRequestObservationConvention> requestConvention) {
		PropertyProblems problems = new PropertyProblems(environment);
		ServicePropertiesMapper mapper = new ServicePropertiesMapper(
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), sslBundles::getIfAvailable, problems);
		return new HubServiceClientFactory(properties, mapper, problems, customizers.orderedStream().toList(),
				connectionDetails::getIfAvailable, platformClient::getIfUnique,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), executionConvention.getIfUnique(),
				requestConvention.getIfUnique());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Conditional(OnPlatformApiKeyCondition.class)
	HubPlatformClient hubPlatformClient(HubServiceClientFactory factory, HubProperties properties) {
		return factory.createPlatformClient(properties.getPlatform());
	}

	@Bean(destroyMethod = "close")
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnBean(HubServiceConnectionDetails.class)
	ReactiveHubServiceClient reactiveHubServiceClient(HubServiceClientFactory factory) {
		return factory.create(HubServiceClientFactory.DEFAULT_NAME);
	}

	/**
	 * The blocking layer over the default reactive client; it shares (and does not close)
	 * its resources.
	 * @param reactiveHubServiceClient the default reactive client, which owns the
	 * resources
	 * @return the default blocking client
	 */
	@Bean(destroyMethod = "")
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveHubServiceClient.class)
	HubServiceClient hubServiceClient(ReactiveHubServiceClient reactiveHubServiceClient) {
		return HubServiceClient.of(reactiveHubServiceClient);
	}

	@Bean
	@ConditionalOnMissingBean
	HubServiceClients hubServiceClients(HubProperties properties, BeanFactory beanFactory,
			ObjectProvider<HubServiceClient> clients) {
		Map<String, HubServiceClient> named = new LinkedHashMap<>();
		for (String name : properties.getServices().keySet()) {
			String beanName = NamedHubServiceClientsRegistrar.beanName(name);
			named.put(name, beanFactory.getBean(beanName, HubServiceClient.class));
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
