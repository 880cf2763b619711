package io.qhub.service.client.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.ChannelOption;
import io.qhub.service.client.HubClientException;
import io.qhub.service.client.InvalidSettingException;
import io.qhub.service.client.TransportSettings;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one place where the HTTP stack is assembled: the connection pool, the Reactor Netty {@link HttpClient} (the
 * user's customizer first, then the client's own connect and read timeouts and no redirects, so the customizer
 * cannot remove them) and the {@link WebClient} with observation. Gateway calls, token requests and platform
 * calls each go through one of these. {@link #close()} releases the pool; calls afterwards fail at once.
 */
final class Transport implements AutoCloseable {

	private static final Duration MAX_IDLE_TIME = Duration.ofSeconds(20);

	private final TransportContext context;

	private final ConnectionProvider pool;

	private final WebClient webClient;

	private final AtomicBoolean closed = new AtomicBoolean();

	Transport(TransportContext context) {
		TransportSettings settings = context.settings();
		this.context = context;
		this.pool = ConnectionProvider.builder("qhub-" + context.name())
			.maxConnections(settings.maxConnections())
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(settings.callTimeout())
			.maxIdleTime(MAX_IDLE_TIME)
			.build();
		HttpClient customized = settings.httpClient().apply(HttpClient.create(this.pool));
		if (customized == null || customized.configuration().connectionProvider() != this.pool) {
			this.pool.dispose();
			throw new InvalidSettingException("httpClient", "customizer must return the HttpClient it was given, "
					+ "customized (for example client.proxy(...) or client.secure(...)); a new HttpClient would "
					+ "drop the client's connection pool, timeouts and limits", null);
		}
		HttpClient httpClient = customized
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeout().toMillis(),
					Integer.MAX_VALUE))
			.responseTimeout(settings.readTimeout())
			.followRedirect(false);
		WebClient.Builder builder = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.observationRegistry(context.observationRegistry())
			.observationConvention((context.requestObservationConvention() != null)
					? context.requestObservationConvention()
					: new RequestObservationConvention(context.name()));
		this.webClient = builder.build();
	}

	TransportContext context() {
		return this.context;
	}

	TransportSettings settings() {
		return this.context.settings();
	}

	/**
	 * The WebClient, or an error when the transport is closed (a disposed pool would otherwise open new
	 * connections).
	 * @param operation the operation about to be sent, for the error
	 * @return the WebClient
	 */
	Mono<WebClient> open(String operation) {
		return this.closed.get()
				? Mono.error(new HubClientException("The client is closed; " + operation + " was not sent"))
				: Mono.just(this.webClient);
	}

	/** The WebClient, for Spring Security's token client, which checks nothing itself. */
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
		}
	}

}
