package io.qhub.autoconfigure;

import java.time.Duration;

import io.qhub.service.client.HubServiceClient;
import org.jspecify.annotations.Nullable;

/**
 * Connection settings of one subscribed service: {@code qhub.service.*}, and each {@code qhub.services.<name>.*}
 * (where every key left unset inherits from {@code qhub.service.*}).
 */
public class ServiceProperties {

	/**
	 * Gateway URL of the subscribed service, e.g.
	 * https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0. The HubServiceClient bean exists only when
	 * this is set.
	 */
	private @Nullable String endpoint;

	/**
	 * Access key id of the application (OAuth2 client id). Set together with secret-access-key, or neither for a
	 * local gateway that does not check tokens.
	 */
	private @Nullable String accessKeyId;

	/**
	 * Secret access key of the application (OAuth2 client secret). Never logged; masked by the actuator.
	 */
	private @Nullable String secretAccessKey;

	/**
	 * OAuth2 token endpoint of the gateway.
	 */
	private String tokenEndpoint = HubServiceClient.DEFAULT_TOKEN_ENDPOINT;

	/**
	 * How long before its expiry a gateway token is renewed.
	 */
	private Duration tokenRefreshBeforeExpiry = Duration.ofSeconds(120);

	/**
	 * TCP connect timeout for the gateway and the token endpoint.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Longest silence allowed while reading a response.
	 */
	private Duration readTimeout = Duration.ofSeconds(60);

	/**
	 * How waits poll an execution's status.
	 */
	private final Polling polling = new Polling();

	/**
	 * How result() retries the result fetch.
	 */
	private final ResultRetry resultRetry = new ResultRetry();

	/**
	 * A copy, for a named service to start from before its own keys are bound onto it.
	 * @return a deep copy
	 */
	public ServiceProperties copy() {
		ServiceProperties copy = new ServiceProperties();
		copy.endpoint = this.endpoint;
		copy.accessKeyId = this.accessKeyId;
		copy.secretAccessKey = this.secretAccessKey;
		copy.tokenEndpoint = this.tokenEndpoint;
		copy.tokenRefreshBeforeExpiry = this.tokenRefreshBeforeExpiry;
		copy.connectTimeout = this.connectTimeout;
		copy.readTimeout = this.readTimeout;
		copy.polling.setInitialInterval(this.polling.initialInterval);
		copy.polling.setMaxInterval(this.polling.maxInterval);
		copy.polling.setTimeout(this.polling.timeout);
		copy.resultRetry.setMaxAttempts(this.resultRetry.maxAttempts);
		copy.resultRetry.setInitialBackoff(this.resultRetry.initialBackoff);
		copy.resultRetry.setMultiplier(this.resultRetry.multiplier);
		copy.resultRetry.setMaxBackoff(this.resultRetry.maxBackoff);
		return copy;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getAccessKeyId() {
		return this.accessKeyId;
	}

	public void setAccessKeyId(@Nullable String accessKeyId) {
		this.accessKeyId = accessKeyId;
	}

	public @Nullable String getSecretAccessKey() {
		return this.secretAccessKey;
	}

	public void setSecretAccessKey(@Nullable String secretAccessKey) {
		this.secretAccessKey = secretAccessKey;
	}

	public String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public void setTokenEndpoint(String tokenEndpoint) {
		this.tokenEndpoint = tokenEndpoint;
	}

	public Duration getTokenRefreshBeforeExpiry() {
		return this.tokenRefreshBeforeExpiry;
	}

	public void setTokenRefreshBeforeExpiry(Duration tokenRefreshBeforeExpiry) {
		this.tokenRefreshBeforeExpiry = tokenRefreshBeforeExpiry;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Polling getPolling() {
		return this.polling;
	}

	public ResultRetry getResultRetry() {
		return this.resultRetry;
	}

	@Override
	public String toString() {
		return "ServiceProperties[endpoint=" + this.endpoint + ", accessKeyId=" + this.accessKeyId
				+ ", secretAccessKey=" + ((this.secretAccessKey != null) ? "******" : "null") + ", tokenEndpoint="
				+ this.tokenEndpoint + ", tokenRefreshBeforeExpiry=" + this.tokenRefreshBeforeExpiry
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + ", polling="
				+ this.polling + ", resultRetry=" + this.resultRetry + "]";
	}

	/** Polling of an execution's status while waiting for its final state. */
	public static class Polling {

		/**
		 * Delay before the first status poll; each further delay doubles up to max-interval.
		 */
		private Duration initialInterval = Duration.ofMillis(500);

		/**
		 * Longest delay between two status polls.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		/**
		 * Longest wait for a final state when the caller gives no timeout.
		 */
		private Duration timeout = Duration.ofMinutes(30);

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		@Override
		public String toString() {
			return "[initialInterval=" + this.initialInterval + ", maxInterval=" + this.maxInterval + ", timeout="
					+ this.timeout + "]";
		}

	}

	/** Retry of the result fetch once an execution is final. */
	public static class ResultRetry {

		/**
		 * Attempts to fetch a result in total, including the first.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait after the first failed attempt.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Factor applied to each further wait.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(8);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		@Override
		public String toString() {
			return "[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff + ", multiplier="
					+ this.multiplier + ", maxBackoff=" + this.maxBackoff + "]";
		}

	}

}
