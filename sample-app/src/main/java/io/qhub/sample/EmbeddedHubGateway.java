package io.qhub.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.qhub.test.gateway.LocalHubGateway;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Without profile {@value #HUB_PROFILE}: starts a {@link LocalHubGateway} before any bean
 * is created, registers it as the bean {@value #BEAN_NAME} (closed with the context) and
 * puts a property source first that points {@code qhub.service.*}, every
 * {@code qhub.services.<name>.endpoint} and {@code qhub.platform.*} at it, with a fresh
 * random key pair. With profile {@value #HUB_PROFILE}: checks that the real Hub's
 * settings are there ({@link HubSettings}). {@code sample.embedded-gateway.enabled=false}
 * turns the embedding off (e.g. for a test that brings its own gateway). Registered in
 * {@code META-INF/spring.factories}.
 */
public final class EmbeddedHubGateway implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The profile that uses the real Kipu Quantum Hub. */
	public static final String HUB_PROFILE = "hub";

	/** Name of the gateway bean. */
	public static final String BEAN_NAME = "embeddedHubGateway";

	/** Name of the property source pointing the clients at the gateway. */
	public static final String PROPERTY_SOURCE_NAME = "embeddedHubGateway";

	private static final Log logger = LogFactory.getLog(EmbeddedHubGateway.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.acceptsProfiles(Profiles.of(HUB_PROFILE))) {
			HubSettings.check(environment);
			return;
		}
		Binder binder = Binder.get(environment);
		if (!binder.bind("sample.embedded-gateway.enabled", Boolean.class).orElse(true)) {
			return;
		}
		Duration pending = binder.bind("sample.embedded-gateway.pending", Duration.class)
			.orElse(Duration.ofMillis(500));
		Duration run = binder.bind("sample.embedded-gateway.run", Duration.class).orElse(Duration.ofSeconds(2));
		String accessKeyId = "sample-" + UUID.randomUUID();
		String secretAccessKey = UUID.randomUUID().toString();
		String platformApiKey = UUID.randomUUID().toString();
		LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey(accessKeyId, secretAccessKey)
			.platformApiKey(platformApiKey)
			.timing(pending, run)
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, gateway);
		if (beanFactory instanceof DefaultListableBeanFactory registry) {
			// closed with the context, also when its refresh fails
			registry.registerDisposableBean(BEAN_NAME, gateway::close);
		}
		else {
			context.addApplicationListener((event) -> {
				if (event instanceof org.springframework.context.event.ContextClosedEvent) {
					gateway.close();
				}
			});
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("qhub.service.endpoint", gateway.serviceEndpoint());
		properties.put("qhub.service.token-endpoint", gateway.tokenEndpoint());
		properties.put("qhub.service.access-key-id", accessKeyId);
		properties.put("qhub.service.secret-access-key", secretAccessKey);
		for (String name : binder.bind("qhub.services", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.keySet()) {
			properties.put("qhub.services." + name + ".endpoint", gateway.serviceEndpoint());
			properties.put("qhub.services." + name + ".token-endpoint", gateway.tokenEndpoint());
			properties.put("qhub.services." + name + ".access-key-id", accessKeyId);
			properties.put("qhub.services." + name + ".secret-access-key", secretAccessKey);
		}
		properties.put("qhub.platform.endpoint", gateway.platformEndpoint());
		properties.put("qhub.platform.api-key", platformApiKey);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.info("Embedded local Hub gateway started at " + gateway.serviceEndpoint() + " (key pair generated; "
				+ "run with --spring.profiles.active=" + HUB_PROFILE + " for the real Kipu Quantum Hub)");
	}

}
