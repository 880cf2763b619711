package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.HubTokenException;
import io.qhub.test.gateway.GatewayOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code qhub.services.<name>}: qualified beans, the {@link HubServiceClients} registry,
 * and the inheritance of every unset key from {@code qhub.service.*}.
 */
class NamedServicesTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private static final String OTHER_ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/optimizer/2.0.0";

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	@Test
	void namedServicesAreQualifiedBeansAndInTheRegistry() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.simulator.endpoint=" + ENDPOINT + "-sim")
			.withUserConfiguration(QualifiedInjectionConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(HubServiceClient.class)).containsOnlyKeys("hubServiceClient",
						"optimizerHubServiceClient", "simulatorHubServiceClient");
				QualifiedInjection injected = context.getBean(QualifiedInjection.class);
				assertThat(injected.optimizer().serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(injected.optimizer()).isSameAs(context.getBean("optimizerHubServiceClient"));
				assertThat(injected.primary()).isSameAs(context.getBean("hubServiceClient"));
				assertThat(injected.primary().serviceEndpoint()).isEqualTo(ENDPOINT);
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.names()).containsExactly("default", "optimizer", "simulator");
				assertThat(clients.get("optimizer")).isSameAs(injected.optimizer());
				assertThat(clients.get("simulator").serviceEndpoint()).isEqualTo(ENDPOINT + "-sim");
				assertThat(clients.get("default")).isSameAs(injected.primary());
				assertThat(clients.find("missing")).isEmpty();
				assertThatIllegalArgumentException().isThrownBy(() -> clients.get("missing"))
					.withMessageContaining("missing")
					.withMessageContaining("[default, optimizer, simulator]");
			});
	}

	@Test
	void namedServicesWithoutDefaultService() {
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.withUserConfiguration(OptimizerOnlyConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("hubServiceClient");
				assertThat(context.getBean(OptimizerOnly.class).optimizer().serviceEndpoint())
					.isEqualTo(OTHER_ENDPOINT);
				assertThat(context.getBean(HubServiceClients.class).names()).containsExactly("optimizer");
			});
	}

	@Test
	void namedServiceInheritsKeyPairAndTokenEndpoint() {
		this.hub.runner()
			.withPropertyValues(this.hub.connection("qhub.service", "id", "secret"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint())
			.run((context) -> {
				HubServiceClient optimizer = context.getBean(HubServiceClients.class).get("optimizer");
				assertThat(optimizer).isNotSameAs(context.getBean("hubServiceClient"));
				assertThat(optimizer.isAnonymous()).isFalse();
				optimizer.checkCredentials();
				assertThat(this.hub.gateway().callCount(GatewayOperation.TOKEN)).isEqualTo(1);
				assertThat(optimizer.getServiceExecutions()).isEmpty();
				assertThat(this.hub.gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
			});
	}

	@Test
	void namedServiceOwnKeysOverrideTheDefault() {
		this.hub.runner()
			.withPropertyValues(this.hub.connection("qhub.service", "id", "secret"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.optimizer.secret-access-key=wrong",
					"qhub.services.optimizer.token-endpoint=" + this.hub.gateway().tokenEndpoint())
			.run((context) -> {
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.get("optimizer").serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(clients.get("default").serviceEndpoint()).isEqualTo(this.hub.gateway().serviceEndpoint());
				assertThatExceptionOfType(HubTokenException.class)
					.isThrownBy(() -> clients.get("optimizer").checkCredentials())
					.satisfies((ex) -> assertThat(ex.errorCode()).contains("invalid_client"));
				clients.get("default").checkCredentials();
			});
	}

	@Test
	void namedServiceInheritsDurationsFromTheDefault() {
		// the default service has no endpoint, so only the named one is built: its
		// failure on the inherited value
		// proves the value was inherited (its own default, 30s, is valid); the report
		// names the key as written
		this.hub.runner()
			.withPropertyValues("qhub.service.read-timeout=-5s", "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.read-timeout"));
		this.hub.runner()
			.withPropertyValues("qhub.service.polling.timeout=0s", "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.polling.timeout"));
	}

	@Test
	void namedServiceOwnDurationsOverrideTheDefault() {
		this.hub.runner()
			.withPropertyValues("qhub.service.read-timeout=-5s", "qhub.service.polling.timeout=0s",
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT, "qhub.services.optimizer.read-timeout=5s",
					"qhub.services.optimizer.polling.timeout=1m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HubServiceClients.class).get("optimizer").serviceEndpoint())
					.isEqualTo(OTHER_ENDPOINT);
			});
	}

	@Test
	void namedServiceOverrideDoesNotLeakIntoTheDefault() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT, "qhub.services.optimizer.access-key-id=id",
					"qhub.services.optimizer.secret-access-key=secret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.get("optimizer").isAnonymous()).isFalse();
				assertThat(clients.get("default").isAnonymous()).isTrue();
				HubProperties properties = context.getBean(HubProperties.class);
				assertThat(properties.getService().getAccessKeyId()).isNull();
				assertThat(properties.getServices()).containsOnlyKeys("optimizer");
			});
	}

	@Test
	void namedServiceValidationNamesTheNamedProperty() {
		this.hub.runner()
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT, "qhub.services.optimizer.access-key-id=id")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.services.optimizer.secret-access-key"));
		this.hub.runner()
			.withPropertyValues("qhub.services.optimizer.read-timeout=5s")
			.run((context) -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.services.optimizer.endpoint"));
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

	record OptimizerOnly(HubServiceClient optimizer) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OptimizerOnlyConfiguration {

		@Bean
		OptimizerOnly optimizerOnly(@Qualifier("optimizer") HubServiceClient optimizer) {
			return new OptimizerOnly(optimizer);
		}

	}

}
