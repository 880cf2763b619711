package io.qhub.test.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.qhub.test.gateway.GatewayCertificate;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LocalHubGatewayBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Starts a {@link LocalHubGateway} for one test context, registers it as the bean
 * {@value #BEAN_NAME} (closed with the context) and adds the property source
 * {@value #PROPERTY_SOURCE_NAME} pointing the {@code qhub.*} properties at it. Equal
 * settings give equal customizers, so Spring's context cache shares a context (and its
 * gateway) between test classes with the same {@link AutoConfigureLocalHubGateway}.
 */
final class LocalHubGatewayContextCustomizer implements ContextCustomizer {

	/** Name of the gateway bean. */
	static final String BEAN_NAME = "localHubGateway";

	/**
	 * Name of the SSL bundle that trusts the gateway's certificate ({@code tls = true}).
	 */
	static final String SSL_BUNDLE = "local-hub-gateway";

	/** Name of the property source with the gateway's endpoints and keys. */
	static final String PROPERTY_SOURCE_NAME = "localHubGateway";

	private final String accessKeyId;

	private final String secretAccessKey;

	private final boolean anonymous;

	private final String platformApiKey;

	private final String servicePath;

	private final long pendingMillis;

	private final long runMillis;

	private final boolean tls;

	LocalHubGatewayContextCustomizer(AutoConfigureLocalHubGateway annotation) {
		this.accessKeyId = annotation.accessKeyId();
		this.secretAccessKey = annotation.secretAccessKey();
		this.anonymous = annotation.anonymous();
		this.platformApiKey = annotation.platformApiKey();
		this.servicePath = annotation.servicePath();
		this.pendingMillis = annotation.pendingMillis();
		this.runMillis = annotation.runMillis();
		this.tls = annotation.tls();
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		LocalHubGatewayBuilder builder = LocalHubGateway.builder()
			.servicePath(this.servicePath)
			.platformApiKey(this.platformApiKey)
			.timing(Duration.ofMillis(this.pendingMillis), Duration.ofMillis(this.runMillis));
		if (this.anonymous) {
			builder.anonymous(true);
		}
		else {
			builder.accessKey(this.accessKeyId, this.secretAccessKey);
		}
		Path certificateDirectory = this.tls ? temporaryDirectory() : null;
		if (certificateDirectory != null) {
			builder.tls(GatewayCertificate.generate(certificateDirectory));
		}
		LocalHubGateway gateway = builder.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, gateway);
		if (beanFactory instanceof DefaultListableBeanFactory registry) {
			// Destroyed with the context's singletons, also when the refresh fails.
			registry.registerDisposableBean(BEAN_NAME, () -> {
				gateway.close();
				if (certificateDirectory != null) {
					FileSystemUtils.deleteRecursively(certificateDirectory);
				}
			});
		}
		addPropertySource(context.getEnvironment().getPropertySources(), properties(gateway));
	}

	private Map<String, Object> properties(LocalHubGateway gateway) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("qhub.service.endpoint", gateway.serviceEndpoint());
		properties.put("qhub.service.token-endpoint", gateway.tokenEndpoint());
		if (!this.anonymous) {
			properties.put("qhub.service.access-key-id", this.accessKeyId);
			properties.put("qhub.service.secret-access-key", this.secretAccessKey);
		}
		properties.put("qhub.platform.endpoint", gateway.platformEndpoint());
		properties.put("qhub.platform.api-key", this.platformApiKey);
		gateway.certificate().ifPresent((certificate) -> {
			properties.put("spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate",
					certificate.certificate().toUri().toString());
			properties.put("qhub.service.ssl.bundle", SSL_BUNDLE);
		});
		return properties;
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("local-hub-gateway-tls");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a directory for the gateway's certificate", ex);
		}
	}

	/**
	 * Below the test's inlined properties (so a test can override one), above everything
	 * else.
	 * @param sources the context's property sources
	 * @param properties the properties that point the application at the gateway
	 */
	private static void addPropertySource(MutablePropertySources sources, Map<String, Object> properties) {
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
		if (sources.contains(inlined)) {
			sources.addAfter(inlined, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof LocalHubGatewayContextCustomizer that)) {
			return false;
		}
		return this.anonymous == that.anonymous && this.tls == that.tls && this.pendingMillis == that.pendingMillis
				&& this.runMillis == that.runMillis && this.accessKeyId.equals(that.accessKeyId)
				&& this.secretAccessKey.equals(that.secretAccessKey) && this.platformApiKey.equals(that.platformApiKey)
				&& this.servicePath.equals(that.servicePath);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.accessKeyId, this.secretAccessKey, this.anonymous, this.platformApiKey,
				this.servicePath, this.pendingMillis, this.runMillis, this.tls);
	}

	@Override
	public String toString() {
		return "LocalHubGatewayContextCustomizer[servicePath=" + this.servicePath + ", anonymous=" + this.anonymous
				+ ", accessKeyId=" + this.accessKeyId + ", pendingMillis=" + this.pendingMillis + ", runMillis="
				+ this.runMillis + ", tls=" + this.tls + "]";
	}

}
