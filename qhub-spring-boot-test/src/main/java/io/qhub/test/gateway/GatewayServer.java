package io.qhub.test.gateway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.net.ssl.KeyManagerFactory;

import io.netty.channel.ChannelOption;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.tcp.SslProvider;

/**
 * The HTTP server under a {@link LocalHubGateway}: bound at once on the given address,
 * plain HTTP or HTTPS, tracking its open connections so that {@link #close()} also ends
 * kept-alive ones.
 */
final class GatewayServer {

	private final DefaultChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final DisposableServer server;

	private final String baseUrl;

	GatewayServer(String host, int port, @Nullable GatewayCertificate certificate,
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		HttpServer server = HttpServer.create()
			.channelGroup(this.connections)
			.option(ChannelOption.SO_BACKLOG, 4096)
			.host(host)
			.port(port);
		if (certificate != null) {
			KeyManagerFactory keyManagers = certificate.keyManagerFactory();
			// typed as the generic spec: the overload taking a ProtocolSslContextSpec is
			// deprecated
			SslProvider.GenericSslContextSpec<?> sslContext = Http11SslContextSpec.forServer(keyManagers);
			server = server.secure((spec) -> spec.sslContext(sslContext));
		}
		this.server = server.handle(handler).bindNow();
		String reachableHost = host.equals("0.0.0.0") ? "localhost" : host;
		this.baseUrl = ((certificate != null) ? "https://" : "http://") + reachableHost + ":" + this.server.port();
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	int port() {
		return this.server.port();
	}

	/**
	 * Scheme, host and port, e.g. {@code http://127.0.0.1:41234}.
	 * @return the base URL
	 */
	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * How many client connections are open right now (kept-alive ones included).
	 * @return the count
	 */
	int openConnections() {
		return this.connections.size();
	}

	/**
	 * Stops the server and closes its connections, waiting up to 5 s for running
	 * requests.
	 */
	void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

}
