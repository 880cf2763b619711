package io.qhub.autoconfigure;

import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TransportSettings;
import io.qhub.service.datapool.HubPlatformClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default lives in the client (its builder, {@link TransportSettings} and the policies); the properties repeat
 * them only so the configuration metadata can show them. This proves each repetition equals its source, so a
 * changed client default cannot silently differ from what {@code qhub.*} documents.
 */
class ServicePropertiesDefaultsTests {

	private final ServiceProperties service = new ServiceProperties();

	@Test
	void transportDefaultsEqualTheClients() {
		TransportSettings defaults = TransportSettings.defaults();
		assertThat(this.service.getConnectTimeout()).isEqualTo(defaults.connectTimeout());
		assertThat(this.service.getReadTimeout()).isEqualTo(defaults.readTimeout());
		assertThat(this.service.getCallTimeout()).isEqualTo(defaults.callTimeout());
		assertThat(this.service.getMaxConnections()).isEqualTo(defaults.maxConnections());
		assertThat(this.service.getMaxJsonBodySize().toBytes()).isEqualTo(defaults.maxJsonBodySize());
	}

	@Test
	void tokenDefaultsEqualTheClients() {
		assertThat(this.service.getTokenRefreshBeforeExpiry())
			.isEqualTo(HubServiceClientBuilder.DEFAULT_TOKEN_REFRESH_BEFORE_EXPIRY);
		// unset: the client derives it from the service endpoint
		assertThat(this.service.getTokenEndpoint()).isNull();
	}

	@Test
	void pollingDefaultsEqualTheClients() {
		ServiceProperties.Polling polling = this.service.getPolling();
		assertThat(new PollingPolicy(polling.getInitialInterval(), polling.getMaxInterval(), polling.getTimeout(),
				polling.isLearning()))
			.isEqualTo(PollingPolicy.DEFAULT);
	}

	@Test
	void resultRetryDefaultsEqualTheClients() {
		ServiceProperties.ResultRetry retry = this.service.getResultRetry();
		assertThat(new ResultRetryPolicy(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMultiplier(),
				retry.getMaxBackoff()))
			.isEqualTo(ResultRetryPolicy.DEFAULT);
	}

	@Test
	void platformEndpointDefaultEqualsTheClients() {
		assertThat(new PlatformProperties().getEndpoint()).isEqualTo(HubPlatformClient.DEFAULT_PLATFORM_ENDPOINT);
	}

}
