package io.qhub.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Connection settings of one subscribed service: {@code qhub.service.*}, and each {@code qhub.services.<name>.*}
 * (where every key left unset inherits from {@code qhub.service.*}). The defaults equal the client builder's
 * ({@code ServicePropertiesDefaultsTests} proves it); every value is checked once, by the client, and a bad one is
 * reported under its property name.
 */
public class ServiceProperties {

	/**
	 * Gateway URL of the subscribed service, e.g.
	 * https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0. The HubServiceClient and
	 * ReactiveHubServiceClient beans exist only when this is set.
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
	 * OAuth2 token endpoint. When unset: https://gateway.hub.kipu-quantum.com/token for a service on the Hub's
	 * gateway host, else the service endpoint's origin + /token, so keys for a local gateway never travel to the
	 * Hub.
	 */
	private @Nullable String tokenEndpoint;

	/**
	 * How long before its expiry a gateway token is renewed (at most half its lifetime).
	 */
	private Duration tokenRefreshBeforeExpiry = Duration.ofSeconds(120);

	/**
	 * Longest time to open a TCP connection to the gateway, the token endpoint or the platform.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Longest silence while an answer is read, between two packets of it. The only bound on a result-file download
	 * once its headers have arrived.
	 */
	private Duration readTimeout = Duration.ofSeconds(30);

	/**
	 * Longest time one call takes in total: waiting for a connection and a token, sending, every transport retry,
	 * and reading the whole answer. A call made within a wait is also cut at the wait's deadline.
	 */
	private Duration callTimeout = Duration.ofSeconds(60);

	/**
	 * Most connections held open to the service at once; further calls queue within their call timeout.
	 */
	private int maxConnections = 256;

	/**
	 * Largest JSON answer read; a larger one fails the call. Result files are streamed and not limited.
	 */
	private DataSize maxJsonBodySize = DataSize.ofMegabytes(32);

	/**
	 * TLS of https connections.
	 */
	private final Ssl ssl = new Ssl();

	/**
	 * Proxy that connections go through.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * How waits poll an execution's status.
	 */
	private final Polling polling = new Polling();

	/**
	 * How result() retries the result fetch.
	 */
	private final ResultRetry resultRetry = new ResultRetry();

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

	public @Nullable String getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public void setTokenEndpoint(@Nullable String tokenEndpoint) {
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

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public DataSize getMaxJsonBodySize() {
		return this.maxJsonBodySize;
	}

	public void setMaxJsonBodySize(DataSize maxJsonBodySize) {
		this.maxJsonBodySize = maxJsonBodySize;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Proxy getProxy() {
		return this.proxy;
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
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + ", callTimeout="
				+ this.callTimeout + ", maxConnections=" + this.maxConnections + ", maxJsonBodySize="
				+ this.maxJsonBodySize + ", ssl=" + this.ssl + ", proxy=" + this.proxy + ", polling=" + this.polling
				+ ", resultRetry=" + this.resultRetry + "]";
	}

	/** TLS of https connections to the gateway, the token endpoint and the platform. */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trust material and client key to use. When unset,
		 * spring.http.clients.ssl.bundle, else the JVM's default trust store.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		@Override
		public String toString() {
			return "[bundle=" + this.bundle + "]";
		}

	}

	/** Proxy of the connections to the gateway, the token endpoint and the platform. */
	public static class Proxy {

		/**
		 * Proxy protocol: HTTP (tunnelling with CONNECT) or SOCKS5.
		 */
		private ProxyType type = ProxyType.HTTP;

		/**
		 * Proxy host. When unset, the JVM's standard proxy system properties apply (https.proxyHost,
		 * http.proxyHost, socksProxyHost, http.nonProxyHosts) unless use-system-properties is false.
		 */
		private @Nullable String host;

		/**
		 * Proxy port; required with host.
		 */
		private @Nullable Integer port;

		/**
		 * User to authenticate to the proxy as; set together with password.
		 */
		private @Nullable String username;

		/**
		 * Password of the proxy user. Never logged; masked by the actuator.
		 */
		private @Nullable String password;

		/**
		 * Hosts reached directly, not through the proxy: names or addresses with '*' as a wildcard at either end,
		 * e.g. localhost, *.internal, 10.*.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		/**
		 * Whether the JVM's standard proxy system properties apply when no host is set. With false and no host,
		 * connections are direct.
		 */
		private boolean useSystemProperties = true;

		public ProxyType getType() {
			return this.type;
		}

		public void setType(ProxyType type) {
			this.type = type;
		}

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		public boolean isUseSystemProperties() {
			return this.useSystemProperties;
		}

		public void setUseSystemProperties(boolean useSystemProperties) {
			this.useSystemProperties = useSystemProperties;
		}

		@Override
		public String toString() {
			return "[type=" + this.type + ", host=" + this.host + ", port=" + this.port + ", username=" + this.username
					+ ", password=" + ((this.password != null) ? "******" : "null") + ", nonProxyHosts="
					+ this.nonProxyHosts + ", useSystemProperties=" + this.useSystemProperties + "]";
		}

	}

	/** Protocol of an explicitly configured proxy. */
	public enum ProxyType {

		/** An HTTP proxy, tunnelling with CONNECT. */
		HTTP,

		/** A SOCKS 5 proxy. */
		SOCKS5

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

		/**
		 * Whether the schedule learns from the service's earlier executions: an execution is first polled around
		 * when similar ones were seen final (the doubling schedule for the first ones). Every delay stays capped at
		 * max-interval.
		 */
		private boolean learning = true;

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

		public boolean isLearning() {
			return this.learning;
		}

		public void setLearning(boolean learning) {
			this.learning = learning;
		}

		@Override
		public String toString() {
			return "[initialInterval=" + this.initialInterval + ", maxInterval=" + this.maxInterval + ", timeout="
					+ this.timeout + ", learning=" + this.learning + "]";
		}

	}

	/** Retry of the result fetch once an execution is final. */
	public static class ResultRetry {

		/**
		 * Attempts to fetch a result in total, including the first; each attempt is one request.
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
		 * Longest wait between two attempts, also for a Retry-After sent by the gateway.
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
