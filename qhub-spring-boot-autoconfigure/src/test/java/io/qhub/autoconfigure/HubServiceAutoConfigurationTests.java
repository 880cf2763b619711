package io.qhub.autoconfigure;

import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.autoconfigure.health.HubHealthAutoConfiguration;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubClientException;
import io.qhub.test.gateway.GatewayOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HubServiceAutoConfiguration}: the beans and their conditions, backing
 * off, switching off, and closing with the context.
 */
class HubServiceAutoConfigurationTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private static final String OTHER_ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/optimizer/2.0.0";

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	@Test
	void defaultBeansWhenEndpointIsSet() {
		this.hub.runner().withPropertyValues("qhub.service.endpoint=" + ENDPOINT).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(HubServiceClient.class)
				.hasSingleBean(HubServiceClientFactory.class)
				.hasSingleBean(HubServiceClients.class)
				.hasSingleBean(HubProperties.class);
			HubServiceClient client = context.getBean(HubServiceClient.class);
			assertThat(client.serviceEndpoint()).isEqualTo(ENDPOINT);
			assertThat(client.isAnonymous()).isTrue();
			HubServiceClients clients = context.getBean(HubServiceClients.class);
			assertThat(clients.names()).containsExactly(HubServiceClientFactory.DEFAULT_NAME);
			assertThat(clients.get("default")).isSameAs(client);
		});
	}

	@Test
	void defaultClientWithKeyPairIsNotAnonymousAndObtainsTokens() {
		this.hub.runner().withPropertyValues(this.hub.connection("qhub.service", "id", "secret")).run((context) -> {
			HubServiceClient client = context.getBean(HubServiceClient.class);
			assertThat(client.isAnonymous()).isFalse();
			assertThat(client.serviceEndpoint()).isEqualTo(this.hub.gateway().serviceEndpoint());
			assertThat(client.getServiceExecutions()).isEmpty();
			assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			assertThat(this.hub.gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
		});
	}

	@Test
	void userDefinedClientMakesTheDefaultOneBackOff() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(HubServiceClient.class);
				assertThat(context).doesNotHaveBean("hubServiceClient");
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client).isSameAs(context.getBean("userHubServiceClient"));
				assertThat(client.serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(context.getBean(HubServiceClients.class).get("default")).isSameAs(client);
			});
	}

	@Test
	void primaryUserClientWinsNextToNamedServices() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + ENDPOINT + "-opt")
			.withUserConfiguration(PrimaryUserClientConfiguration.class, QualifiedInjectionConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("hubServiceClient");
				QualifiedInjection injected = context.getBean(QualifiedInjection.class);
				assertThat(injected.primary().serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(injected.optimizer().serviceEndpoint()).isEqualTo(ENDPOINT + "-opt");
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.names()).containsExactly("default", "optimizer");
				assertThat(clients.get("default")).isSameAs(injected.primary());
			});
	}

	@Test
	void plainUserClientIsTheUnqualifiedCandidateNextToNamedServices() {
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.endpoint=" + ENDPOINT + "-opt")
			.withUserConfiguration(UserClientConfiguration.class, QualifiedInjectionConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				QualifiedInjection injected = context.getBean(QualifiedInjection.class);
				assertThat(injected.primary().serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(injected.optimizer().serviceEndpoint()).isEqualTo(ENDPOINT + "-opt");
				assertThat(context.getBean(HubServiceClients.class).names()).containsExactly("default", "optimizer");
			});
	}

	@Test
	void namedServicesAloneAreNotInjectedUnqualified() {
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.endpoint=" + ENDPOINT + "-opt")
			.withUserConfiguration(NeedsClientConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class));
	}

	@Test
	void disabledSwitchesEverythingOff() {
		this.hub.runner()
			.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HubServiceClient.class)
				.doesNotHaveBean(HubServiceClientFactory.class)
				.doesNotHaveBean(HubServiceClients.class)
				.doesNotHaveBean(HubProperties.class));
	}

	@Test
	void disabledDoesNotValidate() {
		this.hub.runner()
			.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=ftp://example.com/x",
					"qhub.service.access-key-id=id")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceClient.class));
	}

	@Test
	void enabledExplicitlyIsTheSameAsUnset() {
		this.hub.runner()
			.withPropertyValues("qhub.enabled=true", "qhub.service.endpoint=" + ENDPOINT)
			.run((context) -> assertThat(context).hasSingleBean(HubServiceClient.class));
	}

	@Test
	void noClientWithoutEndpoint() {
		this.hub.runner()
			.withPropertyValues("qhub.service.access-key-id=id", "qhub.service.secret-access-key=s")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceClient.class);
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.names()).isEmpty();
				assertThat(clients.asMap()).isEmpty();
				assertThat(clients.find("default")).isEmpty();
				assertThatIllegalArgumentException().isThrownBy(() -> clients.get("default"))
					.withMessageContaining("qhub.services.default.endpoint");
			});
	}

	@Test
	void injectingAClientWithoutEndpointFailsWithNoSuchBean() {
		this.hub.runner().withUserConfiguration(NeedsClientConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NoSuchBeanDefinitionException.class);
		});
	}

	@Test
	void runsAnExecutionWithoutMicrometer() {
		this.hub.runner()
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.withPropertyValues(this.hub.connection("qhub.service", "id", "secret"))
			.withPropertyValues("qhub.service.polling.initial-interval=10ms", "qhub.service.polling.max-interval=20ms")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(HubServiceClient.class)
					.doesNotHaveBean("qhubObservationCustomizer");
				ServiceExecution last = context.getBean(HubServiceClient.class).run(Map.of("x", 1)).waitForFinalState();
				assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			});
	}

	@Test
	void startsWithoutActuatorAndHealth() {
		// imported as an application imports them, so that the auto-configuration
		// metadata filters out the
		// classes whose conditions refer to the missing jars before their annotations are
		// read
		new ApplicationContextRunner().withUserConfiguration(ImportHubAutoConfigurations.class)
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(HubServiceClient.class)
					.doesNotHaveBean("qhubHealthIndicator")
					.doesNotHaveBean("qhubSecretsSanitizingFunction");
				assertThat(context.getBean(HubServiceClient.class).serviceEndpoint()).isEqualTo(ENDPOINT);
			});
	}

	@Test
	void backsOffWithoutTheClientLibrary() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HubServiceAutoConfiguration.class, HubHealthAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HubServiceClient.class))
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HubServiceClientFactory.class)
				.doesNotHaveBean(HubServiceClients.class)
				.doesNotHaveBean("qhubHealthIndicator"));
	}

	@Test
	void clientsAreClosedWithTheContext() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> {
				// the reactive clients own the pools and are closed; the blocking ones
				// over them are not closed again
				for (String name : List.of("reactiveHubServiceClient", "optimizerReactiveHubServiceClient")) {
					assertThat(context.getBeanFactory().getBeanDefinition(name).getDestroyMethodName())
						.isEqualTo("close");
				}
				for (String name : List.of("hubServiceClient", "optimizerHubServiceClient")) {
					assertThat(context.getBeanFactory().getBeanDefinition(name).getDestroyMethodName()).isEmpty();
				}
			});
	}

	@Test
	void closedClientsMakeNoMoreCalls() {
		HubServiceClients[] clients = new HubServiceClients[1];
		this.hub.runner()
			.withPropertyValues(this.hub.connection("qhub.service", "id", "secret"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint())
			.run((context) -> clients[0] = context.getBean(HubServiceClients.class));
		for (String name : List.of("default", "optimizer")) {
			HubServiceClient client = clients[0].get(name);
			assertThatExceptionOfType(HubClientException.class).isThrownBy(client::getServiceExecutions)
				.withMessageContaining("closed");
			assertThatExceptionOfType(HubClientException.class).isThrownBy(client::checkCredentials);
		}
		assertThat(this.hub.gateway().requests()).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean(destroyMethod = "close")
		HubServiceClient userHubServiceClient() {
			return HubServiceClient.builder().serviceEndpoint(OTHER_ENDPOINT).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryUserClientConfiguration {

		@Bean(destroyMethod = "close")
		@Primary
		HubServiceClient userHubServiceClient() {
			return HubServiceClient.builder().serviceEndpoint(OTHER_ENDPOINT).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HubServiceAutoConfiguration.class, HubHealthAutoConfiguration.class,
			HubSanitizingAutoConfiguration.class })
	static class ImportHubAutoConfigurations {

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsClientConfiguration {

		@Bean
		String needsClient(HubServiceClient client) {
			return client.serviceEndpoint();
		}

	}

	record QualifiedInjection(HubServiceClient primary, HubServiceClient optimizer) {
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedInjectionConfiguration {

		@Bean
		QualifiedInjection qualifiedInjection(HubServiceClient primary,
				@Qualifier("optimizer") HubServiceClient optimizer) {
			return new QualifiedInjection(primary, optimizer);
		}

	}

}
