package io.qhub.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.HubPlatformClient;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code qhub.platform.*}: the {@link HubPlatformClient} bean, its binding and
 * validation, its wiring into {@link HubServiceClient}, and the masking of the API key.
 * Every context that builds a platform client sets {@code qhub.platform.organization-id}
 * (so no ambient organization is looked up) and every service client gets an empty
 * {@link PlatformEnvironment} through a customizer, so no test reads the real user's
 * environment or home.
 */
class PlatformAutoConfigurationTests {

	private static final String SERVICE = "qhub.service.endpoint=http://localhost:9/acme/svc/1.0.0";

	@TempDir
	Path home;

	private ApplicationContextRunner runner() {
		PlatformEnvironment empty = new PlatformEnvironment(Map.of(), this.home);
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class))
			.withBean("emptyPlatformEnvironment", HubServiceClientCustomizer.class,
					() -> (name, builder) -> builder.platformEnvironment(empty));
	}

	@Test
	void platformClientBeanWhenApiKeyHasText() {
		runner().withPropertyValues("qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				assertThat(context).hasSingleBean(HubPlatformClient.class);
				HubPlatformClient platform = context.getBean(HubPlatformClient.class);
				assertThat(platform.hasApiKey()).isTrue();
				assertThat(platform.organizationId()).contains("org-9");
				assertThat(platform.platformEndpoint()).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
			});
	}

	@Test
	void platformClientTalksHttpLikeTheDefaultService() {
		// the call timeout of qhub.service.* bounds platform calls too: a grant request
		// that hangs ends within it
		try (LocalHubGateway gateway = LocalHubGateway.builder().platformApiKey("pat-1").start()) {
			gateway.inject(InjectedFault.latency(GatewayOperation.DATA_POOL_GRANT, Duration.ofSeconds(30), 1));
			runner()
				.withPropertyValues("qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9",
						"qhub.platform.endpoint=" + gateway.platformEndpoint(), "qhub.service.call-timeout=1s")
				.run((context) -> {
					HubPlatformClient platform = context.getBean(HubPlatformClient.class);
					long start = System.nanoTime();
					assertThatExceptionOfType(HubTransportException.class)
						.isThrownBy(() -> platform.grant(new DataPoolGrant("data", "dp-1", "app-1")).block())
						.withMessageContaining("1s (callTimeout)");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
				});
		}
	}

	@Test
	void noPlatformClientBeanWithoutApiKey() {
		runner().run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubPlatformClient.class));
	}

	@Test
	void noPlatformClientBeanForAnEmptyApiKey() {
		runner().withPropertyValues("qhub.platform.api-key=", "qhub.platform.organization-id=org-9")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubPlatformClient.class));
	}

	@Test
	void noPlatformClientBeanForABlankApiKey() {
		runner().withPropertyValues("qhub.platform.api-key=   ", "qhub.platform.organization-id=org-9")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubPlatformClient.class));
	}

	@Test
	void unsetPlaceholderCountsAsNoApiKey() {
		runner()
			.withPropertyValues("qhub.platform.api-key=${QHUB_TEST_UNSET_PLATFORM_KEY_4711:}",
					"qhub.platform.organization-id=org-9")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HubPlatformClient.class));
	}

	@Test
	void endpointAndOrganizationBind() {
		runner()
			.withPropertyValues("qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-42",
					"qhub.platform.endpoint=http://platform.example:8080/qc-catalog/")
			.run((context) -> {
				HubPlatformClient platform = context.getBean(HubPlatformClient.class);
				assertThat(platform.platformEndpoint()).isEqualTo("http://platform.example:8080/qc-catalog");
				assertThat(platform.organizationId()).contains("org-42");
			});
	}

	@Test
	void relaxedNamesBind() {
		runner().withPropertyValues("qhub.platform.apiKey=pat-1", "qhub.platform.organizationId=org-42")
			.run((context) -> {
				assertThat(context).hasSingleBean(HubPlatformClient.class);
				assertThat(context.getBean(HubPlatformClient.class).organizationId()).contains("org-42");
			});
	}

	@Test
	void platformClientIsWiredIntoTheServiceClient() {
		runner().withPropertyValues(SERVICE, "qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				HubPlatformClient platform = context.getBean(HubPlatformClient.class);
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.platformClient()).containsSame(platform);
			});
	}

	@Test
	void platformClientIsWiredIntoNamedServiceClients() {
		runner()
			.withPropertyValues("qhub.services.qft.endpoint=http://localhost:9/acme/qft/1.0.0",
					"qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				HubPlatformClient platform = context.getBean(HubPlatformClient.class);
				HubServiceClient client = context.getBean(HubServiceClients.class).get("qft");
				assertThat(client.platformClient()).containsSame(platform);
			});
	}

	@Test
	void serviceClientHasNoPlatformClientWhenTheApiKeyIsEmpty() {
		runner().withPropertyValues(SERVICE, "qhub.platform.api-key=", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(HubPlatformClient.class);
				assertThat(context.getBean(HubServiceClient.class).platformClient()).isEmpty();
			});
	}

	@Test
	void userDefinedPlatformClientWins() {
		HubPlatformClient own = HubPlatformClient.builder()
			.apiKey("own-pat")
			.organizationId("own-org")
			.environment(new PlatformEnvironment(Map.of(), this.home))
			.build();
		runner().withBean(HubPlatformClient.class, () -> own)
			.withPropertyValues(SERVICE, "qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				assertThat(context).hasSingleBean(HubPlatformClient.class);
				assertThat(context.getBean(HubPlatformClient.class)).isSameAs(own);
				assertThat(context.getBean(HubServiceClient.class).platformClient()).containsSame(own);
			});
	}

	@Test
	void malformedEndpointFailsStartupNamingTheProperty() {
		runner()
			.withPropertyValues("qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9",
					"qhub.platform.endpoint=ftp://platform.example/qc-catalog")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidHubPropertyException failure = find(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("qhub.platform.endpoint");
				assertThat(failure.getMessage()).contains("qhub.platform.endpoint")
					.contains("ftp://platform.example/qc-catalog")
					.doesNotContain("pat-1");
			});
	}

	@Test
	void unparsableEndpointFailsStartupNamingTheProperty() {
		runner()
			.withPropertyValues("qhub.platform.api-key=pat-1", "qhub.platform.organization-id=org-9",
					"qhub.platform.endpoint=http://bad host/x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(find(context.getStartupFailure()).getProperty()).isEqualTo("qhub.platform.endpoint");
			});
	}

	@Test
	void propertiesToStringMasksTheApiKey() {
		runner().withPropertyValues("qhub.platform.api-key=pat-secret", "qhub.platform.organization-id=org-9")
			.run((context) -> assertThat(context.getBean(HubProperties.class).toString()).doesNotContain("pat-secret")
				.contains("org-9"));
	}

	@Test
	void sanitizerMasksThePlatformApiKeyInEveryForm() {
		SanitizingFunction sanitizer = new HubSanitizingAutoConfiguration().qhubSecretsSanitizingFunction();
		MapPropertySource properties = new MapPropertySource("application.properties", Map.of());
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource("systemEnvironment",
				Map.of());

		assertThat(sanitizer.apply(new SanitizableData(properties, "qhub.platform.api-key", "pat-1")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitizer.apply(new SanitizableData(properties, "qhub.platform.apiKey", "pat-1")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitizer.apply(new SanitizableData(environment, "QHUB_PLATFORM_API_KEY", "pat-1")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitizer.apply(new SanitizableData(null, "apiKey", "pat-1")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		// other qhub.platform values stay visible, and other libraries' api-key keys are
		// left to them
		assertThat(
				sanitizer.apply(new SanitizableData(properties, "qhub.platform.organization-id", "org-9")).getValue())
			.isEqualTo("org-9");
		assertThat(sanitizer.apply(new SanitizableData(properties, "other.api-key", "k")).getValue()).isEqualTo("k");
	}

	@Test
	void configpropsEndpointShowsTheApiKeyMasked() {
		runner().withConfiguration(AutoConfigurations.of(HubSanitizingAutoConfiguration.class))
			.withPropertyValues("qhub.platform.api-key=pat-secret", "qhub.platform.organization-id=org-9")
			.run((context) -> {
				List<SanitizingFunction> sanitizers = context.getBeanProvider(SanitizingFunction.class)
					.orderedStream()
					.toList();
				assertThat(sanitizers).isNotEmpty();
				ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(sanitizers,
						Show.ALWAYS);
				endpoint.setApplicationContext(context);
				Map<String, Object> platform = platformProperties(endpoint);
				assertThat(platform).containsEntry("apiKey", SanitizableData.SANITIZED_VALUE)
					.containsEntry("organizationId", "org-9");
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> platformProperties(ConfigurationPropertiesReportEndpoint endpoint) {
		ConfigurationPropertiesBeanDescriptor qhub = endpoint.configurationPropertiesWithPrefix("qhub")
			.getContexts()
			.values()
			.stream()
			.flatMap((descriptor) -> descriptor.getBeans().values().stream())
			.filter((bean) -> "qhub".equals(bean.getPrefix()))
			.findFirst()
			.orElseThrow();
		return (Map<String, Object>) qhub.getProperties().get("platform");
	}

	private static InvalidHubPropertyException find(Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = ex.getCause()) {
			if (ex instanceof InvalidHubPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("no InvalidHubPropertyException in the cause chain", failure);
	}

}
