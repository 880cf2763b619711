package io.qhub.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationRegistry;
import io.qhub.service.core.HubClientException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.junit.LocalHubGatewayExtension;
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
import org.springframework.core.annotation.Order;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QhubServiceAutoConfiguration}: beans and their conditions, named services and inheritance,
 * customizers, and the checks that fail startup.
 */
class QhubServiceAutoConfigurationTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private static final String OTHER_ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/optimizer/2.0.0";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QhubServiceAutoConfiguration.class));

	@RegisterExtension
	final LocalHubGatewayExtension gateway = LocalHubGatewayExtension.newInstance().accessKey("id", "secret").build();

	@Test
	void defaultBeansWhenEndpointIsSet() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(HubServiceClient.class)
				.hasSingleBean(HubServiceClientFactory.class)
				.hasSingleBean(HubServiceClients.class)
				.hasSingleBean(QhubProperties.class);
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
		this.contextRunner.withPropertyValues(gatewayProperties("qhub.service")).run((context) -> {
			HubServiceClient client = context.getBean(HubServiceClient.class);
			assertThat(client.isAnonymous()).isFalse();
			assertThat(client.serviceEndpoint()).isEqualTo(this.gateway.serviceEndpoint());
			assertThat(client.getServiceExecutions()).isEmpty();
			assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			assertThat(this.gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
		});
	}

	@Test
	void userDefinedClientMakesTheDefaultOneBackOff() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
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
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT,
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
		this.contextRunner.withPropertyValues("qhub.services.optimizer.endpoint=" + ENDPOINT + "-opt")
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
		this.contextRunner.withPropertyValues("qhub.services.optimizer.endpoint=" + ENDPOINT + "-opt")
			.withUserConfiguration(NeedsClientConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(org.springframework.beans.factory.NoSuchBeanDefinitionException.class));
	}

	@Test
	void userDefinedFactoryIsUsed() {
		MockEnvironment own = new MockEnvironment().withProperty("qhub.service.endpoint", OTHER_ENDPOINT);
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.withBean("myFactory", HubServiceClientFactory.class,
					() -> new HubServiceClientFactory(own, List.of(), () -> null, () -> null, () -> null,
							ObservationRegistry.NOOP, null, null))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(HubServiceClientFactory.class)
					.doesNotHaveBean("hubServiceClientFactory");
				assertThat(context.getBean(HubServiceClient.class).serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
			});
	}

	@Test
	void disabledSwitchesEverythingOff() {
		this.contextRunner
			.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(HubServiceClient.class)
					.doesNotHaveBean(HubServiceClientFactory.class)
					.doesNotHaveBean(HubServiceClients.class)
					.doesNotHaveBean(QhubProperties.class);
			});
	}

	@Test
	void disabledDoesNotValidate() {
		this.contextRunner.withPropertyValues("qhub.enabled=false", "qhub.service.endpoint=ftp://example.com/x",
				"qhub.service.access-key-id=id")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubServiceClient.class));
	}

	@Test
	void enabledExplicitlyIsTheSameAsUnset() {
		this.contextRunner.withPropertyValues("qhub.enabled=true", "qhub.service.endpoint=" + ENDPOINT)
			.run((context) -> assertThat(context).hasSingleBean(HubServiceClient.class));
	}

	@Test
	void noClientWithoutEndpoint() {
		this.contextRunner.withPropertyValues("qhub.service.access-key-id=id", "qhub.service.secret-access-key=s")
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
		this.contextRunner.withUserConfiguration(NeedsClientConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NoSuchBeanDefinitionException.class);
		});
	}

	@Test
	void halfAKeyPairFailsStartupNamingTheMissingKey() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.access-key-id=id")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable root = rootCause(context.getStartupFailure());
				assertThat(root).isInstanceOf(InvalidQhubPropertyException.class)
					.hasMessageContaining("qhub.service.secret-access-key")
					.hasMessageContaining("qhub.service.access-key-id");
				assertThat(((InvalidQhubPropertyException) root).getProperty())
					.isEqualTo("qhub.service.secret-access-key");
			});
	}

	@Test
	void secretWithoutIdFailsStartupNamingTheId() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.secret-access-key=top-secret")
			.run((context) -> {
				InvalidQhubPropertyException ex = invalidProperty(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("qhub.service.access-key-id");
				assertThat(ex.getMessage()).doesNotContain("top-secret");
			});
	}

	@Test
	void blankEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=").run((context) -> {
			InvalidQhubPropertyException ex = invalidProperty(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
			assertThat(ex.getProblem()).isEqualTo("it must be set to an absolute http(s) URL");
			assertThat(ex.getAction()).contains("qhub.service.endpoint")
				.contains("https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0");
		});
	}

	@Test
	void malformedEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=http://exa mple.com/x").run((context) -> {
			InvalidQhubPropertyException ex = invalidProperty(context.getStartupFailure());
			assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
			assertThat(ex.getProblem()).isEqualTo("it must be a valid absolute http(s) URL with a host");
			assertThat(ex.getValue()).contains("http://exa mple.com/x");
			assertThat(ex.getMessage()).doesNotContain("Illegal character");
		});
	}

	@Test
	void nonHttpEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=ftp://example.com/acme/x/1.0.0")
			.run((context) -> {
				InvalidQhubPropertyException ex = invalidProperty(context.getStartupFailure());
				assertThat(ex.getProperty()).isEqualTo("qhub.service.endpoint");
				assertThat(ex.getProblem()).contains("http or https");
			});
	}

	@Test
	void nonHttpTokenEndpointFailsStartup() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.token-endpoint=file:///token")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.token-endpoint"));
	}

	@Test
	void negativeDurationsFailStartupNamingTheProperty() {
		for (String key : List.of("token-refresh-before-expiry", "connect-timeout", "read-timeout",
				"polling.initial-interval", "polling.max-interval", "polling.timeout", "result-retry.initial-backoff",
				"result-retry.max-backoff")) {
			this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service." + key + "=-1s")
				.run((context) -> {
					InvalidQhubPropertyException ex = invalidProperty(context.getStartupFailure());
					assertThat(ex.getProperty()).isEqualTo("qhub.service." + key);
					assertThat(ex.getAction()).contains("qhub.service." + key);
				});
		}
	}

	@Test
	void zeroTimeoutFailsButZeroRefreshMarginIsAllowed() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.read-timeout=0s")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.read-timeout"));
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.token-refresh-before-expiry=0s",
					"qhub.service.result-retry.initial-backoff=0s")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(HubServiceClient.class));
	}

	@Test
	void invalidResultRetryFailsStartup() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.result-retry.max-attempts=0")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.result-retry.max-attempts"));
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.result-retry.multiplier=0.5")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.result-retry.multiplier"));
	}

	@Test
	void namedServicesAreQualifiedBeansAndInTheRegistry() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
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
		this.contextRunner.withPropertyValues("qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
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
		this.contextRunner
			.withPropertyValues(gatewayProperties("qhub.service"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint())
			.run((context) -> {
				HubServiceClient optimizer = context.getBean(HubServiceClients.class).get("optimizer");
				assertThat(optimizer).isNotSameAs(context.getBean("hubServiceClient"));
				assertThat(optimizer.isAnonymous()).isFalse();
				optimizer.checkCredentials();
				assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
				assertThat(optimizer.getServiceExecutions()).isEmpty();
				assertThat(this.gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
			});
	}

	@Test
	void namedServiceOwnKeysOverrideTheDefault() {
		this.contextRunner.withPropertyValues(gatewayProperties("qhub.service"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.optimizer.secret-access-key=wrong",
					"qhub.services.optimizer.token-endpoint=" + this.gateway.tokenEndpoint())
			.run((context) -> {
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.get("optimizer").serviceEndpoint()).isEqualTo(OTHER_ENDPOINT);
				assertThat(clients.get("default").serviceEndpoint()).isEqualTo(this.gateway.serviceEndpoint());
				assertThatExceptionOfType(HubTokenException.class)
					.isThrownBy(() -> clients.get("optimizer").checkCredentials())
					.satisfies((ex) -> assertThat(ex.errorCode()).contains("invalid_client"));
				clients.get("default").checkCredentials();
			});
	}

	@Test
	void namedServiceInheritsDurationsFromTheDefault() {
		// the default service has no endpoint, so only the named one is built: its failure on the inherited value
		// proves the value was inherited (its own default, 30s, is valid); the report names the key as written
		this.contextRunner
			.withPropertyValues("qhub.service.read-timeout=-5s", "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.read-timeout"));
		this.contextRunner
			.withPropertyValues("qhub.service.polling.timeout=0s", "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.service.polling.timeout"));
	}

	@Test
	void namedServiceOwnDurationsOverrideTheDefault() {
		this.contextRunner
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
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.optimizer.access-key-id=id", "qhub.services.optimizer.secret-access-key=secret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HubServiceClients clients = context.getBean(HubServiceClients.class);
				assertThat(clients.get("optimizer").isAnonymous()).isFalse();
				assertThat(clients.get("default").isAnonymous()).isTrue();
				QhubProperties properties = context.getBean(QhubProperties.class);
				assertThat(properties.getService().getAccessKeyId()).isNull();
				assertThat(properties.getServices()).containsOnlyKeys("optimizer");
			});
	}

	@Test
	void namedServiceValidationNamesTheNamedProperty() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.optimizer.access-key-id=id")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.services.optimizer.secret-access-key"));
		this.contextRunner.withPropertyValues("qhub.services.optimizer.read-timeout=5s")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getProperty())
				.isEqualTo("qhub.services.optimizer.endpoint"));
	}

	@Test
	void customizersAreAppliedToEveryClientWithItsName() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT,
					"qhub.services.simulator.endpoint=" + ENDPOINT)
			.withUserConfiguration(RecordingCustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(HubServiceClients.class);
				RecordingCustomizerConfiguration config = context.getBean(RecordingCustomizerConfiguration.class);
				assertThat(config.calls).containsExactlyInAnyOrder("first:default", "second:default",
						"first:optimizer", "second:optimizer", "first:simulator", "second:simulator");
				for (String name : List.of("default", "optimizer", "simulator")) {
					assertThat(config.calls).containsSubsequence("first:" + name, "second:" + name);
				}
			});
	}

	@Test
	void customizerChangesTheBuiltClient() {
		// the customizer adds the key pair the properties lack: the client is no longer anonymous and gets tokens
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
					"qhub.service.token-endpoint=" + this.gateway.tokenEndpoint())
			.withBean(HubServiceClientCustomizer.class,
					() -> (name, builder) -> builder.accessKeyId("id").secretAccessKey("secret"))
			.run((context) -> {
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.isAnonymous()).isFalse();
				client.checkCredentials();
				assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
			});
	}

	@Test
	void runsAnExecutionWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.withPropertyValues(gatewayProperties("qhub.service"))
			.withPropertyValues("qhub.service.polling.initial-interval=10ms", "qhub.service.polling.max-interval=20ms")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(HubServiceClient.class)
					.doesNotHaveBean("qhubObservationCustomizer");
				ServiceExecution last = context.getBean(HubServiceClient.class)
					.run(Map.of("x", 1))
					.waitForFinalState();
				assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			});
	}

	@Test
	void startsWithoutActuatorAndHealth() {
		// imported as an application imports them, so that the auto-configuration metadata filters out the
		// classes whose conditions refer to the missing jars before their annotations are read
		new ApplicationContextRunner().withUserConfiguration(ImportQhubAutoConfigurations.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
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
			.withConfiguration(AutoConfigurations.of(QhubServiceAutoConfiguration.class,
					QhubHealthAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HubServiceClient.class))
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HubServiceClientFactory.class)
				.doesNotHaveBean(HubServiceClients.class)
				.doesNotHaveBean("qhubHealthIndicator"));
	}

	@Test
	void clientsAreClosedWithTheContext() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.services.optimizer.endpoint=" + OTHER_ENDPOINT)
			.run((context) -> {
				// the reactive clients own the pools and are closed; the blocking ones over them are not closed again
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
		this.contextRunner.withPropertyValues(gatewayProperties("qhub.service"))
			.withPropertyValues("qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint())
			.run((context) -> clients[0] = context.getBean(HubServiceClients.class));
		for (String name : List.of("default", "optimizer")) {
			HubServiceClient client = clients[0].get(name);
			assertThatExceptionOfType(HubClientException.class).isThrownBy(client::getServiceExecutions)
				.withMessageContaining("closed");
			assertThatExceptionOfType(HubClientException.class).isThrownBy(client::checkCredentials);
		}
		assertThat(this.gateway.requests()).isEmpty();
	}

	private String[] gatewayProperties(String prefix) {
		return new String[] { prefix + ".endpoint=" + this.gateway.serviceEndpoint(),
				prefix + ".token-endpoint=" + this.gateway.tokenEndpoint(), prefix + ".access-key-id=id",
				prefix + ".secret-access-key=secret" };
	}

	static InvalidQhubPropertyException invalidProperty(Throwable failure) {
		assertThat(failure).isNotNull();
		Throwable root = rootCause(failure);
		assertThat(root).isInstanceOf(InvalidQhubPropertyException.class);
		return (InvalidQhubPropertyException) root;
	}

	static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
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
	@ImportAutoConfiguration({ QhubServiceAutoConfiguration.class, QhubHealthAutoConfiguration.class,
			QhubSanitizingAutoConfiguration.class })
	static class ImportQhubAutoConfigurations {

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

	record OptimizerOnly(HubServiceClient optimizer) {
	}

	@Configuration(proxyBeanMethods = false)
	static class OptimizerOnlyConfiguration {

		@Bean
		OptimizerOnly optimizerOnly(@Qualifier("optimizer") HubServiceClient optimizer) {
			return new OptimizerOnly(optimizer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingCustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		HubServiceClientCustomizer secondCustomizer() {
			return (name, builder) -> this.calls.add("second:" + name);
		}

		@Bean
		@Order(1)
		HubServiceClientCustomizer firstCustomizer() {
			return (name, builder) -> this.calls.add("first:" + name);
		}

	}

}
