package io.qhub.service.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.ProxySettings;
import io.qhub.service.core.Secrets;
import io.qhub.service.core.TlsSettings;
import io.qhub.service.core.TransportSettings;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpResponseDecoderSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one place where the HTTP stack is assembled: the connection pool, the Reactor Netty
 * {@link HttpClient} (proxy and TLS from the settings, then the user's customizer, then
 * the client's own connect and read timeouts and no redirects, so the customizer cannot
 * remove them; response content in chunks of up to {@value #MAX_CHUNK_SIZE} bytes, as
 * received, instead of Netty's 8 KiB, which made a large download cost four times the
 * signals and writes) and the {@link WebClient} with observation. Gateway calls, token
 * requests and platform calls each go through one of these. {@link #close()} releases the
 * pool; calls afterwards fail at once.
 */
final class Transport implements AutoCloseable {

	private static final Duration MAX_IDLE_TIME = Duration.ofSeconds(20);

	/**
	 * Largest piece of response content handed on at once (Netty splits larger reads).
	 */
	static final int MAX_CHUNK_SIZE = 64 * 1024;

	private final TransportContext context;

	private final ConnectionProvider pool;

	private final WebClient webClient;

	private final AtomicBoolean closed = new AtomicBoolean();

	private Secrets.Registration proxyCredentials = Secrets.Registration.NONE;

	/**
	 * What a proxy's 407 means here, naming the settings that hold (or would hold) the
	 * proxy login.
	 */
	private String proxyRefusal = "the proxy requires a login (HTTP 407 Proxy Authentication Required)";

	Transport(TransportContext context) {
		TransportSettings settings = context.settings();
		this.context = context;
		this.pool = ConnectionProvider.builder("qhub-" + context.name())
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(settings.callTimeout())
			.maxIdleTime(MAX_IDLE_TIME)
			.build();
		HttpClient customized;
		try {
			HttpClient configured = secured(proxied(HttpClient.create(this.pool), settings), settings.tls());
			customized = settings.httpClient().apply(configured);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
		if (customized == null || customized.configuration().connectionProvider() != this.pool) {
			close();
			throw new InvalidSettingException("httpClient",
					"customizer must return the HttpClient it was given, "
							+ "customized (for example client.wiretap(true)); a new HttpClient would "
							+ "drop the client's connection pool, timeouts and limits",
					null);
		}
		HttpClient httpClient = customized
			.doOnChannelInit((observer, channel, remote) -> ProxyAnswerScrubber.install(channel.pipeline()))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(settings.connectTimeout().toMillis(), Integer.MAX_VALUE))
			.responseTimeout(settings.readTimeout())
			.httpResponseDecoder(Transport::withMaxChunkSize)
			.followRedirect(false);
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.observationRegistry(context.observationRegistry())
			.observationConvention((context.requestObservationConvention() != null)
					? context.requestObservationConvention() : new RequestObservationConvention(context.name()));
		this.webClient = builder.build();
	}

	/**
	 * The proxy of the settings ({@code SYSTEM_PROPERTIES} read now); the proxy handshake
	 * has the connect timeout.
	 * @param client the client to route through the proxy
	 * @param settings the transport settings, whose proxy is used
	 * @return the client with the proxy, or with none for a direct connection
	 */
	private HttpClient proxied(HttpClient client, TransportSettings settings) {
		ProxySettings proxy = settings.proxy().resolve(System.getProperties());
		if (proxy.type() == ProxySettings.Type.DIRECT) {
			return client.noProxy();
		}
		String login = proxyLogin(settings.proxy(), proxy);
		if (proxy.username() != null && proxy.password() != null) {
			this.proxyCredentials = Secrets.registerCredentials(proxy.username(), proxy.password());
			this.proxyRefusal = "the proxy refused the credentials (HTTP 407 Proxy Authentication Required); "
					+ "check the user and password in " + login;
		}
		else {
			this.proxyRefusal = "the proxy requires a login (HTTP 407 Proxy Authentication Required), but none is "
					+ "set; set " + login;
		}
		return client.proxy((spec) -> {
			ProxyProvider.Builder builder = spec
				.type((proxy.type() == ProxySettings.Type.SOCKS5) ? ProxyProvider.Proxy.SOCKS5
						: ProxyProvider.Proxy.HTTP)
				.host(Objects.requireNonNull(proxy.host()))
				.port(proxy.port())
				.connectTimeoutMillis(settings.connectTimeout().toMillis());
			if (proxy.username() != null) {
				String password = Objects.requireNonNull(proxy.password());
				builder.username(proxy.username()).password((user) -> password);
			}
			if (!proxy.nonProxyHosts().isEmpty()) {
				builder.nonProxyHosts(nonProxyHostsRegex(proxy.nonProxyHosts()));
			}
		});
	}

	/**
	 * Raises Netty's chunk size to {@link #MAX_CHUNK_SIZE}. Reactor Netty deprecates the
	 * setting without a replacement (Netty 5 drops it); on Netty 4 it still decides how
	 * large a piece of content is, so it stays until the client moves to Netty 5.
	 * @param spec the response decoder's settings
	 * @return the settings with the larger chunk size
	 */
	@SuppressWarnings("deprecation")
	private static HttpResponseDecoderSpec withMaxChunkSize(HttpResponseDecoderSpec spec) {
		return spec.maxChunkSize(MAX_CHUNK_SIZE);
	}

	/**
	 * The settings (or JVM system properties) that hold the proxy's user and password,
	 * named for a message.
	 * @param configured the proxy settings as given, before system properties are read
	 * @param proxy the proxy resolved from them
	 * @return the names of the settings or system properties, for a message
	 */
	private static String proxyLogin(ProxySettings configured, ProxySettings proxy) {
		if (configured.type() != ProxySettings.Type.SYSTEM_PROPERTIES) {
			return "proxy.username and proxy.password (properties qhub.service.proxy.username and "
					+ "qhub.service.proxy.password)";
		}
		if (proxy.type() == ProxySettings.Type.SOCKS5) {
			return "the system properties java.net.socks.username and java.net.socks.password";
		}
		String scheme = (System.getProperty("https.proxyHost") != null) ? "https" : "http";
		return "the system properties " + scheme + ".proxyUser and " + scheme + ".proxyPassword";
	}

	/**
	 * What a proxy's answer 407 to {@code CONNECT} means for this transport, naming the
	 * settings of the proxy login.
	 * @return the explanation
	 */
	String proxyRefusal() {
		return this.proxyRefusal;
	}

	/**
	 * {@code *.internal}, {@code 10.*}: the JVM's wildcard patterns as one regular
	 * expression.
	 * @param patterns host names or addresses, with {@code *} only at either end
	 * @return a regular expression matching any of them
	 */
	private static String nonProxyHostsRegex(List<String> patterns) {
		return patterns.stream().map((pattern) -> {
			boolean leading = pattern.startsWith("*");
			boolean trailing = pattern.length() > 1 && pattern.endsWith("*");
			String literal = pattern.substring(leading ? 1 : 0, pattern.length() - (trailing ? 1 : 0));
			return (leading ? ".*" : "") + Pattern.quote(literal) + (trailing ? ".*" : "");
		}).collect(Collectors.joining("|"));
	}

	/**
	 * The trust and key material of the settings, as Spring Boot applies an SSL bundle to
	 * Reactor Netty.
	 * @param client the client to secure
	 * @param tls the TLS settings
	 * @return the client unchanged for the JDK's defaults, else with an SSL context from
	 * the settings
	 */
	private static HttpClient secured(HttpClient client, TlsSettings tls) {
		if (tls.isJdkDefault()) {
			return client;
		}
		SslContextBuilder builder = SslContextBuilder.forClient()
			.keyManager(tls.keyManagers())
			.trustManager(tls.trustManagers())
			.protocols(tls.protocols())
			.ciphers(tls.ciphers());
		SslContext context;
		try {
			context = builder.build();
		}
		catch (SSLException ex) {
			throw new InvalidSettingException("tls", "must be usable for TLS (" + ex.getMessage() + ")", null);
		}
		return client.secure((spec) -> spec.sslContext(context));
	}

	TransportContext context() {
		return this.context;
	}

	TransportSettings settings() {
		return this.context.settings();
	}

	/**
	 * The WebClient, or an error when the transport is closed (a disposed pool would
	 * otherwise open new connections).
	 * @param operation the operation about to be sent, for the error
	 * @return the WebClient
	 */
	Mono<WebClient> open(String operation) {
		return this.closed.get()
				? Mono.error(new HubClientException("The client is closed; " + operation + " was not sent"))
				: Mono.just(this.webClient);
	}

	/**
	 * The WebClient, unchecked: for the end of the call chain ({@link SendStep}, behind
	 * {@link OpenStep}) and for Spring Security's token client, which checks nothing
	 * itself.
	 * @return the WebClient
	 */
	WebClient webClient() {
		return this.webClient;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.pool.dispose();
			this.proxyCredentials.release();
		}
	}

}
