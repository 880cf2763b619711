package io.qhub.service.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import reactor.netty.http.client.HttpClient;

/**
 * How the client talks HTTP: the same for gateway calls, token requests and platform
 * calls. Immutable; start from {@link #defaults()} and change what you need with the
 * {@code with…} methods, as with Spring Boot's {@code HttpClientSettings}. Every default
 * of these settings lives here.
 *
 * <ul>
 * <li>{@code connectTimeout}: longest time to open a TCP connection (10 s).</li>
 * <li>{@code readTimeout}: longest silence while an answer is read, between two packets
 * of it (30 s). The only bound on a result-file download once its headers have arrived,
 * so a large file can take as long as it needs while a stalled one fails.</li>
 * <li>{@code callTimeout}: longest time one call takes in total (60 s): waiting for a
 * pooled connection and a token, sending, every transport retry, and reading the whole
 * answer. A call within a wait is also cut at the wait's deadline.</li>
 * <li>{@code maxConnections}: connections held open at most (256); further calls queue,
 * within their call timeout.</li>
 * <li>{@code maxJsonBodySize}: largest JSON answer read, in bytes (32 MiB); a larger one
 * fails with a {@link HubTransportException}. Result files are streamed and not
 * limited.</li>
 * <li>{@code retry}: the {@link TransportRetryPolicy}
 * ({@link TransportRetryPolicy#DEFAULT}).</li>
 * <li>{@code proxy}: the {@link ProxySettings} ({@link ProxySettings#systemProperties()}:
 * the JVM's standard proxy properties, direct when they name none).</li>
 * <li>{@code tls}: the {@link TlsSettings} ({@link TlsSettings#jdkDefaults()}).</li>
 * <li>{@code httpClient}: a customizer of the client's own Reactor Netty
 * {@link HttpClient}, for what the settings above do not cover (a wiretap, a resolver,
 * channel options). It sees the proxy and TLS already applied and must return the client
 * it was given (customized), never a new one; the connection pool, the timeouts, the body
 * limits and the refusal to follow redirects are applied after it, so it cannot remove
 * them.</li>
 * </ul>
 *
 * @param connectTimeout longest time to open a connection
 * @param readTimeout longest silence while reading an answer
 * @param callTimeout longest time of one call in total
 * @param maxConnections most connections held open at once
 * @param maxJsonBodySize largest JSON answer read, in bytes
 * @param retry how transient failures are retried
 * @param proxy which proxy connections go through
 * @param tls the TLS of {@code https} connections
 * @param httpClient customizes the client's Reactor Netty {@code HttpClient}
 */
public record TransportSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout, int maxConnections,
		long maxJsonBodySize, TransportRetryPolicy retry, ProxySettings proxy, TlsSettings tls,
		UnaryOperator<HttpClient> httpClient) {

	private static final TransportSettings DEFAULTS = new TransportSettings(Duration.ofSeconds(10),
			Duration.ofSeconds(30), Duration.ofSeconds(60), 256, 32L * 1024 * 1024, TransportRetryPolicy.DEFAULT,
			ProxySettings.systemProperties(), TlsSettings.jdkDefaults(), UnaryOperator.identity());

	/** Validates the values. */
	public TransportSettings {
		Settings.requirePositive(connectTimeout, "connectTimeout");
		Settings.requirePositive(readTimeout, "readTimeout");
		Settings.requirePositive(callTimeout, "callTimeout");
		if (maxConnections < 1) {
			throw new InvalidSettingException("maxConnections", "must be at least 1", maxConnections);
		}
		if (maxJsonBodySize < 1) {
			throw new InvalidSettingException("maxJsonBodySize", "must be at least 1 byte", maxJsonBodySize);
		}
		Settings.requireSet(retry, "retry");
		Settings.requireSet(proxy, "proxy");
		Settings.requireSet(tls, "tls");
		Settings.requireSet(httpClient, "httpClient");
	}

	/**
	 * The defaults: connect 10 s, read 30 s, call 60 s, 256 connections, 32 MiB JSON, the
	 * default retry, the system properties' proxy, the JDK's TLS defaults, no customizer.
	 * @return the default settings
	 */
	public static TransportSettings defaults() {
		return DEFAULTS;
	}

	/**
	 * A copy with another connect timeout.
	 * @param connectTimeout the timeout, positive
	 * @return the new settings
	 */
	public TransportSettings withConnectTimeout(Duration connectTimeout) {
		return new TransportSettings(connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another read timeout.
	 * @param readTimeout the timeout, positive
	 * @return the new settings
	 */
	public TransportSettings withReadTimeout(Duration readTimeout) {
		return new TransportSettings(this.connectTimeout, readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another call timeout.
	 * @param callTimeout the timeout, positive
	 * @return the new settings
	 */
	public TransportSettings withCallTimeout(Duration callTimeout) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another connection limit.
	 * @param maxConnections the limit, at least 1
	 * @return the new settings
	 */
	public TransportSettings withMaxConnections(int maxConnections) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another JSON size limit.
	 * @param maxJsonBodySize the limit in bytes, at least 1
	 * @return the new settings
	 */
	public TransportSettings withMaxJsonBodySize(long maxJsonBodySize) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				maxJsonBodySize, this.retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another retry policy.
	 * @param retry the policy
	 * @return the new settings
	 */
	public TransportSettings withRetry(TransportRetryPolicy retry) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, retry, this.proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with another proxy.
	 * @param proxy the proxy settings
	 * @return the new settings
	 */
	public TransportSettings withProxy(ProxySettings proxy) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, proxy, this.tls, this.httpClient);
	}

	/**
	 * A copy with other TLS settings.
	 * @param tls the TLS settings
	 * @return the new settings
	 */
	public TransportSettings withTls(TlsSettings tls) {
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, tls, this.httpClient);
	}

	/**
	 * A copy that also applies this customizer to the client's Reactor Netty
	 * {@code HttpClient}, after the ones already set.
	 * @param customizer returns the client it is given, customized (for example
	 * {@code client.proxy(...)})
	 * @return the new settings
	 */
	public TransportSettings withHttpClient(UnaryOperator<HttpClient> customizer) {
		Objects.requireNonNull(customizer, "customizer");
		UnaryOperator<HttpClient> previous = this.httpClient;
		return new TransportSettings(this.connectTimeout, this.readTimeout, this.callTimeout, this.maxConnections,
				this.maxJsonBodySize, this.retry, this.proxy, this.tls,
				(client) -> customizer.apply(previous.apply(client)));
	}

	@Override
	public String toString() {
		return "TransportSettings[connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
				+ ", callTimeout=" + this.callTimeout + ", maxConnections=" + this.maxConnections + ", maxJsonBodySize="
				+ this.maxJsonBodySize + ", retry=" + this.retry + ", proxy=" + this.proxy + ", tls=" + this.tls + "]";
	}

}
