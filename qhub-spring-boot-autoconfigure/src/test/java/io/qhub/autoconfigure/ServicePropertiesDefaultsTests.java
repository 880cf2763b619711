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
 * reference guide's property table (Configuration) shows the client's defaults. This pins
 * each default the table shows to its source, so a changed client default cannot silently
 * differ from what {@code qhub.*} documents.
 */
class ServicePropertiesDefaultsTests {

	private final Map<String, String> guide = ReferenceGuideTable.defaults();

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
	void guideTransportDefaultsAreTheClients() {
		TransportSettings defaults = TransportSettings.defaults();
		assertThat(duration("connect-timeout")).isEqualTo(defaults.connectTimeout());
		assertThat(duration("read-timeout")).isEqualTo(defaults.readTimeout());
		assertThat(duration("call-timeout")).isEqualTo(defaults.callTimeout());
		assertThat(Integer.parseInt(guide("max-connections"))).isEqualTo(defaults.maxConnections());
		assertThat(DataSize.parse(guide("max-json-body-size")).toBytes()).isEqualTo(defaults.maxJsonBodySize());
		assertThat(guide("ssl.bundle")).isEmpty();
	}

	@Test
	void guideProxyDefaultsAreTheClients() {
		// without a host, the client reads the JVM's proxy system properties
		assertThat(Boolean.parseBoolean(guide("proxy.use-system-properties")))
			.isEqualTo(TransportSettings.defaults().proxy().type() == ProxySettings.Type.SYSTEM_PROPERTIES);
		assertThat(guide("proxy.type"))
			.isEqualTo(ProxySettings.http("proxy.example.com", 3128).type().name().toLowerCase(Locale.ROOT));
		assertThat(guide("proxy.host")).isEmpty();
	}

	@Test
	void guideTokenDefaultsAreTheClients() {
		assertThat(duration("token-refresh-before-expiry"))
			.isEqualTo(HubServiceClientBuilder.DEFAULT_TOKEN_REFRESH_BEFORE_EXPIRY);
		// unset: the client derives it from the service endpoint
		assertThat(guide("token-endpoint")).isEmpty();
	}

	@Test
	void guidePollingDefaultsAreTheClients() {
		assertThat(new PollingPolicy(duration("polling.initial-interval"), duration("polling.max-interval"),
				duration("polling.timeout"), Boolean.parseBoolean(guide("polling.learning"))))
			.isEqualTo(PollingPolicy.DEFAULT);
	}

	@Test
	void guideResultRetryDefaultsAreTheClients() {
		assertThat(new ResultRetryPolicy(Integer.parseInt(guide("result-retry.max-attempts")),
				duration("result-retry.initial-backoff"), Double.parseDouble(guide("result-retry.multiplier")),
				duration("result-retry.max-backoff")))
			.isEqualTo(ResultRetryPolicy.DEFAULT);
	}

	@Test
	void platformEndpointDefaultEqualsTheClients() {
		assertThat(new PlatformProperties().getEndpoint()).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
		assertThat(this.guide.get("qhub.platform.endpoint")).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
	}

	private String guide(String key) {
		String property = "qhub.service." + key;
		assertThat(this.guide).as("guide row for %s", property).containsKey(property);
		return this.guide.get(property);
	}

	private Duration duration(String key) {
		return DurationStyle.detectAndParse(guide(key));
	}

}
