package io.qhub.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertySourceDescriptor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HubSanitizingAutoConfiguration}: the secrets are masked by
 * {@code /configprops} and {@code /env} even when they show values, and every properties
 * object's {@code toString()} masks them.
 */
class HubSanitizingAutoConfigurationTests {

	private static final String ENDPOINT = "https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0";

	private static final String SECRET = "very-secret-value";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class,
				HubSanitizingAutoConfiguration.class, ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

	private final PropertySource<?> source = new MapPropertySource("test", Map.of());

	@Test
	void masksSecretAccessKeyOfTheDefaultService() {
		assertMasked("qhub.service.secret-access-key");
	}

	@Test
	void masksSecretAccessKeyOfNamedServices() {
		assertMasked("qhub.services.optimizer.secret-access-key");
		assertMasked("qhub.services[optimizer].secret-access-key");
	}

	@Test
	void masksEnvironmentVariableAndCamelCaseForms() {
		assertMasked("QHUB_SERVICE_SECRET_ACCESS_KEY");
		assertMasked("QHUB_SERVICES_OPTIMIZER_SECRET_ACCESS_KEY");
		assertMasked("qhub.service.secretAccessKey");
	}

	@Test
	void masksPlatformApiKey() {
		assertMasked("qhub.platform.api-key");
		assertMasked("QHUB_PLATFORM_API_KEY");
	}

	@Test
	void masksProxyPasswords() {
		assertMasked("qhub.service.proxy.password");
		assertMasked("qhub.services.optimizer.proxy.password");
		assertMasked("QHUB_SERVICE_PROXY_PASSWORD");
	}

	@Test
	void masksConfigurationPropertiesApiKeyWithoutPropertySource() {
		SanitizableData data = new SanitizableData(null, "apiKey", SECRET);
		assertThat(HubSanitizingAutoConfiguration.sanitize(data).getValue()).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void doesNotMaskOtherKeys() {
		for (String key : List.of("qhub.service.endpoint", "qhub.service.access-key-id", "qhub.service.token-endpoint",
				"QHUB_SERVICE_ENDPOINT", "qhub.services.optimizer.endpoint", "qhub.service.proxy.username",
				"other.api-key", "other.password", "server.port")) {
			SanitizableData data = new SanitizableData(this.source, key, "value");
			assertThat(HubSanitizingAutoConfiguration.sanitize(data).getValue()).as(key).isEqualTo("value");
		}
	}

	@Test
	void configpropsMasksSecretEvenWhenShowingValues() {
		this.contextRunner.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.access-key-id=my-id",
				"qhub.service.secret-access-key=" + SECRET, "qhub.services.optimizer.endpoint=" + ENDPOINT,
				"qhub.services.optimizer.access-key-id=other-id", "qhub.services.optimizer.secret-access-key=" + SECRET,
				"qhub.service.proxy.host=proxy", "qhub.service.proxy.port=3128", "qhub.service.proxy.username=alice",
				"qhub.service.proxy.password=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SanitizingFunction.class);
				ConfigurationPropertiesBeanDescriptor qhub = qhubDescriptor(context);
				Map<String, Object> service = map(qhub.getProperties().get("service"));
				assertThat(service).containsEntry("secretAccessKey", SanitizableData.SANITIZED_VALUE)
					.containsEntry("accessKeyId", "my-id")
					.containsEntry("endpoint", ENDPOINT);
				assertThat(map(service.get("proxy"))).containsEntry("password", SanitizableData.SANITIZED_VALUE)
					.containsEntry("username", "alice");
				Map<String, Object> optimizer = map(map(qhub.getProperties().get("services")).get("optimizer"));
				assertThat(optimizer).containsEntry("secretAccessKey", SanitizableData.SANITIZED_VALUE)
					.containsEntry("accessKeyId", "other-id");
				assertThat(qhub.getInputs().toString()).doesNotContain(SECRET);
				assertThat(qhub.getProperties().toString()).doesNotContain(SECRET);
			});
	}

	@Test
	void configpropsShowsTheSecretWithoutTheQhubSanitizer() {
		// proves the test above relies on our function, not on a default of the endpoint
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=configprops",
					"management.endpoint.configprops.show-values=always", "qhub.service.secret-access-key=" + SECRET)
			.run((context) -> assertThat(map(qhubDescriptor(context).getProperties().get("service")))
				.containsEntry("secretAccessKey", SECRET));
	}

	@Test
	void envMasksSecretsInEveryFormEvenWhenShowingValues() {
		this.contextRunner
			.withPropertyValues("qhub.service.endpoint=" + ENDPOINT, "qhub.service.access-key-id=my-id",
					"qhub.service.secret-access-key=" + SECRET, "qhub.platform.api-key=" + SECRET)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("fakeSystemEnvironment",
						Map.of("QHUB_SERVICES_OPTIMIZER_SECRET_ACCESS_KEY", SECRET, "QHUB_SERVICE_ENDPOINT",
								ENDPOINT))))
			.run((context) -> {
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				assertThat(env.environmentEntry("qhub.service.secret-access-key").getProperty().getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(env.environmentEntry("qhub.platform.api-key").getProperty().getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(env.environmentEntry("qhub.service.access-key-id").getProperty().getValue())
					.isEqualTo("my-id");
				List<PropertySourceDescriptor> sources = env.environment("qhub.*|QHUB.*").getPropertySources();
				PropertySourceDescriptor fake = sources.stream()
					.filter((descriptor) -> descriptor.getName().equals("fakeSystemEnvironment"))
					.findFirst()
					.orElseThrow();
				assertThat(fake.getProperties().get("QHUB_SERVICES_OPTIMIZER_SECRET_ACCESS_KEY").getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
				assertThat(fake.getProperties().get("QHUB_SERVICE_ENDPOINT").getValue()).isEqualTo(ENDPOINT);
				assertThat(sources.toString()).doesNotContain(SECRET);
			});
	}

	@Test
	void noSanitizerWithoutActuator() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HubSanitizingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("qhubSecretsSanitizingFunction"));
	}

	@Test
	void propertiesToStringMasksSecrets() {
		HubProperties properties = new HubProperties();
		properties.getService().setEndpoint(ENDPOINT);
		properties.getService().setAccessKeyId("my-id");
		properties.getService().setSecretAccessKey(SECRET);
		ServiceProperties optimizer = new ServiceProperties();
		optimizer.setSecretAccessKey(SECRET);
		properties.getServices().put("optimizer", optimizer);
		assertThat(properties.getService().toString()).doesNotContain(SECRET)
			.contains("secretAccessKey=******")
			.contains("accessKeyId=my-id")
			.contains(ENDPOINT);
		assertThat(optimizer.toString()).doesNotContain(SECRET).contains("secretAccessKey=******");
		assertThat(properties.toString()).doesNotContain(SECRET).contains("optimizer");
		assertThat(new ServiceProperties().toString()).contains("secretAccessKey=null");
	}

	@Test
	void boundPropertiesToStringMasksSecrets() {
		this.contextRunner
			.withPropertyValues("qhub.service.secret-access-key=" + SECRET, "qhub.service.access-key-id=id",
					"qhub.services.optimizer.endpoint=" + ENDPOINT,
					"qhub.services.optimizer.secret-access-key=" + SECRET, "qhub.services.optimizer.access-key-id=id")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HubProperties.class).toString()).doesNotContain(SECRET).contains("******");
				assertThat(context.getBean(HubServiceClients.class).toString()).doesNotContain(SECRET);
				assertThat(context.getBean(HubServiceClients.class).get("optimizer").toString()).doesNotContain(SECRET);
			});
	}

	private void assertMasked(String key) {
		SanitizableData data = new SanitizableData(this.source, key, SECRET);
		assertThat(HubSanitizingAutoConfiguration.sanitize(data).getValue()).as(key)
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	private static ConfigurationPropertiesBeanDescriptor qhubDescriptor(ApplicationContext context) {
		return context.getBean(ConfigurationPropertiesReportEndpoint.class)
			.configurationPropertiesWithPrefix("qhub")
			.getContexts()
			.values()
			.iterator()
			.next()
			.getBeans()
			.values()
			.stream()
			.filter((bean) -> "qhub".equals(bean.getPrefix()))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

}
