package io.qhub.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Settings of one subscribed service: {@code qhub.service.*}, and each
 * {@code qhub.services.<name>.*} (where every key left unset inherits from
 * {@code qhub.service.*}). Every value is {@code null} until it is set: an unset key
 * takes the client's default, which lives in the client alone. Every value is checked
 * once, by the client, and a bad one is reported under its property name.
 */
public class ServiceProperties {

	/**
	 * Gateway URL of the subscribed service, e.g.
	 * https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0. The HubServiceClient
	 * and ReactiveHubServiceClient beans exist only when this is set.
	 */
	private @Nullable String endpoint;

	/**
	 * Access key id of the application (OAuth2 client id). Set together with
	 * secret-access-key, or neither for a local gateway that does not check tokens.
	 */
	private @Nullable String accessKeyId;

	/**
	 * Secret access key of the application (OAuth2 client secret). Never logged; masked
	 * by the actuator.
	 */
	private @Nullable String secretAccessKey;

	/**
	 * OAuth2 token endpoint. When unset: https://gateway.hub.kipu-quantum.com/token for a
	 * service on the Hub's gateway host, else the service endpoint's origin + /token, so
	 * keys for a local gateway never travel to the Hub.
	 */
	private @Nullable String tokenEndpoint;

	/**
	 * How long before its expiry a gateway token is renewed (at most half its lifetime).
	 */
	private @Nullable Duration tokenRefreshBeforeExpiry;

	/**
	 * Whether each start carries a client-generated submission key in its $tags, so that
	 * a start whose answer is lost is found by it instead of failing (true by default).
	 */
	private @Nullable Boolean submissionKeys;

	/**
	 * Longest time to open a TCP connection to the gateway, the token endpoint or the
	 * platform. When unset, Spring Boot's spring.http.clients.connect-timeout, else the
	 * client's default.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Longest silence while an answer is read, between two packets of it. The only bound
	 * on a result-file download once its headers have arrived. When unset, Spring Boot's
	 * spring.http.clients.read-timeout, else the client's default.
	 */
	private @Nullable Duration readTimeout;

	/**
	 * Longest time one call takes in total: waiting for a connection and a token,
	 * sending, every transport retry, and reading the whole answer. A call made within a
	 * wait is also cut at the wait's deadline.
	 */
	private @Nullable Duration callTimeout;

	/**
	 * Most connections held open to the service at once; further calls queue within their
	 * call timeout.
	 */
	private @Nullable Integer maxConnections;

	/**
	 * Largest JSON answer read; a larger one fails the call. Result files are streamed
	 * and not limited.
	 */
	private @Nullable DataSize maxJsonBodySize;

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

	public @Nullable Duration getTokenRefreshBeforeExpiry() {
		return this.tokenRefreshBeforeExpiry;
	}

	public void setTokenRefreshBeforeExpiry(@Nullable Duration tokenRefreshBeforeExpiry) {
		this.tokenRefreshBeforeExpiry = tokenRefreshBeforeExpiry;
	}

	public @Nullable Boolean getSubmissionKeys() {
		return this.submissionKeys;
	}

	public void setSubmissionKeys(@Nullable Boolean submissionKeys) {
		this.submissionKeys = submissionKeys;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(@Nullable Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public @Nullable Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable Integer maxConnections) {
		this.maxConnections = maxConnections;
	}

	public @Nullable DataSize getMaxJsonBodySize() {
		return this.maxJsonBodySize;
	}

	public void setMaxJsonBodySize(@Nullable DataSize maxJsonBodySize) {
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
				+ ", submissionKeys=" + this.submissionKeys + ", connectTimeout=" + this.connectTimeout
				+ ", readTimeout=" + this.readTimeout + ", callTimeout=" + this.callTimeout + ", maxConnections="
				+ this.maxConnections + ", maxJsonBodySize=" + this.maxJsonBodySize + ", ssl=" + this.ssl + ", proxy="
				+ this.proxy + ", polling=" + this.polling + ", resultRetry=" + this.resultRetry + "]";
	}

	/** TLS of https connections to the gateway, the token endpoint and the platform. */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trust material and client
		 * key to use. When unset, spring.http.clients.ssl.bundle, else the JVM's default
		 * trust store.
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
		 * Proxy protocol: HTTP (tunnelling with CONNECT, when unset) or SOCKS5.
		 */
		private @Nullable ProxyType type;

		/**
		 * Proxy host. When unset, the JVM's standard proxy system properties apply
		 * (https.proxyHost, http.proxyHost, socksProxyHost, http.nonProxyHosts) unless
		 * use-system-properties is false.
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
		 * Hosts reached directly, not through the proxy: names or addresses with '*' as a
		 * wildcard at either end, e.g. localhost, *.internal, 10.*.
		 */
		private @Nullable List<String> nonProxyHosts;

		/**
		 * Whether the JVM's standard proxy system properties apply when no host is set.
		 * With false and no host, connections are direct.
		 */
		private @Nullable Boolean useSystemProperties;

		public @Nullable ProxyType getType() {
			return this.type;
		}

		public void setType(@Nullable ProxyType type) {
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

		public @Nullable List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(@Nullable List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

		public @Nullable Boolean getUseSystemProperties() {
			return this.useSystemProperties;
		}

		public void setUseSystemProperties(@Nullable Boolean useSystemProperties) {
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
		 * Delay before the first status poll; each further delay doubles up to
		 * max-interval.
		 */
		private @Nullable Duration initialInterval;

		/**
		 * Longest delay between two status polls.
		 */
		private @Nullable Duration maxInterval;

		/**
		 * Longest wait for a final state when the caller gives no timeout.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether the schedule learns from the service's earlier executions: an execution
		 * is first polled around when similar ones were seen final (the doubling schedule
		 * for the first ones). Every delay stays capped at max-interval.
		 */
		private @Nullable Boolean learning;

		public @Nullable Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(@Nullable Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public @Nullable Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(@Nullable Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Boolean getLearning() {
			return this.learning;
		}

		public void setLearning(@Nullable Boolean learning) {
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
		 * Attempts to fetch a result in total, including the first; each attempt is one
		 * request.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Wait after the first failed attempt.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Factor applied to each further wait.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest wait between two attempts, also for a Retry-After sent by the gateway.
		 */
		private @Nullable Duration maxBackoff;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		@Override
		public String toString() {
			return "[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff + ", multiplier="
					+ this.multiplier + ", maxBackoff=" + this.maxBackoff + "]";
		}

	}

}
