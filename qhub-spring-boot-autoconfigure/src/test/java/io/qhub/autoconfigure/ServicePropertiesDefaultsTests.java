package io.qhub.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.datapool.HubPlatformClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default of a service lives in the client (its builder, {@link TransportSettings}
 * and the policies): the properties hold {@code null} until a key is set, and the
 * README's "Configuration" table shows the client's defaults. This pins each default the
 * table shows to its source, so a changed client default cannot silently differ from what
 * {@code qhub.*} documents.
 */
class ServicePropertiesDefaultsTests {

	private final Map<String, String> readme = ReadmeTable.defaults();

	@Test
	void unsetPropertiesHoldNoDefault() {
		ServiceProperties service = new ServiceProperties();
		assertThat(service.getTokenRefreshBeforeExpiry()).isNull();
		assertThat(service.getConnectTimeout()).isNull();
		assertThat(service.getReadTimeout()).isNull();
		assertThat(service.getCallTimeout()).isNull();
		assertThat(service.getMaxConnections()).isNull();
		assertThat(service.getMaxJsonBodySize()).isNull();
		assertThat(service.getSsl().getBundle()).isNull();
		ServiceProperties.Proxy proxy = service.getProxy();
		assertThat(proxy.getType()).isNull();
		assertThat(proxy.getNonProxyHosts()).isNull();
		assertThat(proxy.getUseSystemProperties()).isNull();
		ServiceProperties.Polling polling = service.getPolling();
		assertThat(polling.getInitialInterval()).isNull();
		assertThat(polling.getMaxInterval()).isNull();
		assertThat(polling.getTimeout()).isNull();
		assertThat(polling.getLearning()).isNull();
		ServiceProperties.ResultRetry retry = service.getResultRetry();
		assertThat(retry.getMaxAttempts()).isNull();
		assertThat(retry.getInitialBackoff()).isNull();
		assertThat(retry.getMultiplier()).isNull();
		assertThat(retry.getMaxBackoff()).isNull();
	}

	@Test
	void readmeTransportDefaultsAreTheClients() {
		TransportSettings defaults = TransportSettings.defaults();
		assertThat(duration("connect-timeout")).isEqualTo(defaults.connectTimeout());
		assertThat(duration("read-timeout")).isEqualTo(defaults.readTimeout());
		assertThat(duration("call-timeout")).isEqualTo(defaults.callTimeout());
		assertThat(Integer.parseInt(readme("max-connections"))).isEqualTo(defaults.maxConnections());
		assertThat(DataSize.parse(readme("max-json-body-size")).toBytes()).isEqualTo(defaults.maxJsonBodySize());
		assertThat(readme("ssl.bundle")).isEmpty();
	}

	@Test
	void readmeProxyDefaultsAreTheClients() {
		// without a host, the client reads the JVM's proxy system properties
		assertThat(Boolean.parseBoolean(readme("proxy.use-system-properties")))
			.isEqualTo(TransportSettings.defaults().proxy().type() == ProxySettings.Type.SYSTEM_PROPERTIES);
		assertThat(readme("proxy.type"))
			.isEqualTo(ProxySettings.http("proxy.example.com", 3128).type().name().toLowerCase(Locale.ROOT));
		assertThat(readme("proxy.host")).isEmpty();
	}

	@Test
	void readmeTokenDefaultsAreTheClients() {
		assertThat(duration("token-refresh-before-expiry"))
			.isEqualTo(HubServiceClientBuilder.DEFAULT_TOKEN_REFRESH_BEFORE_EXPIRY);
		// unset: the client derives it from the service endpoint
		assertThat(readme("token-endpoint")).isEmpty();
	}

	@Test
	void readmePollingDefaultsAreTheClients() {
		assertThat(new PollingPolicy(duration("polling.initial-interval"), duration("polling.max-interval"),
				duration("polling.timeout"), Boolean.parseBoolean(readme("polling.learning"))))
			.isEqualTo(PollingPolicy.DEFAULT);
	}

	@Test
	void readmeResultRetryDefaultsAreTheClients() {
		assertThat(new ResultRetryPolicy(Integer.parseInt(readme("result-retry.max-attempts")),
				duration("result-retry.initial-backoff"), Double.parseDouble(readme("result-retry.multiplier")),
				duration("result-retry.max-backoff")))
			.isEqualTo(ResultRetryPolicy.DEFAULT);
	}

	@Test
	void platformEndpointDefaultEqualsTheClients() {
		assertThat(new PlatformProperties().getEndpoint()).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
		assertThat(this.readme.get("qhub.platform.endpoint")).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
	}

	private String readme(String key) {
		String property = "qhub.service." + key;
		assertThat(this.readme).as("README row for %s", property).containsKey(property);
		return this.readme.get(property);
	}

	private Duration duration(String key) {
		return DurationStyle.detectAndParse(readme(key));
	}

}
