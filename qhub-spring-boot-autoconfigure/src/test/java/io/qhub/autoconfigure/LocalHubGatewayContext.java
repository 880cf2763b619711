package io.qhub.autoconfigure;

import java.util.function.UnaryOperator;

import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LocalHubGatewayBuilder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The set-up that the auto-configuration tests share, as a JUnit extension registered
 * with {@code @RegisterExtension}: a {@link LocalHubGateway} started before and closed
 * after each test, and an {@link ApplicationContextRunner} with Spring Boot's HTTP client
 * auto-configuration and {@link HubServiceAutoConfiguration} (plus any given
 * auto-configurations).
 */
public final class LocalHubGatewayContext implements BeforeEachCallback, AfterEachCallback {

	private final UnaryOperator<LocalHubGatewayBuilder> gatewaySettings;

	private final Class<?>[] autoConfigurations;

	private LocalHubGateway gateway;

	private LocalHubGatewayContext(UnaryOperator<LocalHubGatewayBuilder> gatewaySettings,
			Class<?>... autoConfigurations) {
		this.gatewaySettings = gatewaySettings;
		this.autoConfigurations = autoConfigurations;
	}

	/**
	 * A gateway that accepts one key pair.
	 * @param accessKeyId the key id
	 * @param secretAccessKey the secret
	 * @param autoConfigurations further auto-configurations of the runner
	 * @return the extension
	 */
	public static LocalHubGatewayContext withKeyPair(String accessKeyId, String secretAccessKey,
			Class<?>... autoConfigurations) {
		return new LocalHubGatewayContext((builder) -> builder.accessKey(accessKeyId, secretAccessKey),
				autoConfigurations);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.gateway = this.gatewaySettings.apply(LocalHubGateway.builder()).start();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.gateway.close();
	}

	/**
	 * The gateway of the running test.
	 * @return the gateway
	 */
	public LocalHubGateway gateway() {
		return this.gateway;
	}

	/**
	 * A runner with the auto-configurations and no properties.
	 * @return the runner
	 */
	public ApplicationContextRunner runner() {
		return contextRunner(this.autoConfigurations);
	}

	/**
	 * A runner with Spring Boot's HTTP client auto-configuration,
	 * {@link HubServiceAutoConfiguration} and the given ones, for a test that needs no
	 * gateway.
	 * @param autoConfigurations further auto-configurations
	 * @return the runner
	 */
	public static ApplicationContextRunner contextRunner(Class<?>... autoConfigurations) {
		Class<?>[] classes = new Class<?>[autoConfigurations.length + 2];
		classes[0] = HttpClientAutoConfiguration.class;
		classes[1] = HubServiceAutoConfiguration.class;
		System.arraycopy(autoConfigurations, 0, classes, 2, autoConfigurations.length);
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(classes));
	}

	/**
	 * The properties that connect a service to the gateway with a key pair.
	 * @param prefix {@code qhub.service} or {@code qhub.services.<name>}
	 * @param accessKeyId the key id
	 * @param secretAccessKey the secret
	 * @return the properties, as {@code key=value}
	 */
	public String[] connection(String prefix, String accessKeyId, String secretAccessKey) {
		return new String[] { prefix + ".endpoint=" + this.gateway.serviceEndpoint(),
				prefix + ".token-endpoint=" + this.gateway.tokenEndpoint(), prefix + ".access-key-id=" + accessKeyId,
				prefix + ".secret-access-key=" + secretAccessKey };
	}

}
