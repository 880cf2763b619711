package io.qhub.service.client.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.qhub.service.client.FailureKind;
import io.qhub.service.client.HubApiException;
import io.qhub.service.client.HubClientException;
import io.qhub.service.client.HubTransportException;
import io.qhub.service.client.TransportSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs calls against one endpoint and turns every outcome into a value or a classified
 * {@link HubClientException}, enforcing what the client promises, whatever the server does:
 * <ul>
 * <li>every call ends by its {@link Deadline} (the call timeout, or the wait's deadline), retries and token
 * requests included;</li>
 * <li>a JSON answer is read up to {@code maxJsonBodySize}, an error answer up to {@value #MAX_ERROR_BODY_SIZE}
 * bytes, so no answer can exhaust memory; a result file is streamed;</li>
 * <li>credentials go only to this endpoint's origin (URLs are built from it; redirects are never followed);</li>
 * <li>a 401 drops the token and sends the call once more with a new one;</li>
 * <li>error bodies and messages are redacted with {@link Secrets}, the call's own secrets included;</li>
 * <li>the transport retry ({@link RetryLoop}) runs only when the budget asks for it;</li>
 * <li>a finished call lets go of its request chain ({@code onTerminateDetach}), so a caller that keeps the answer
 * (an execution waiting for its final state) does not keep the request, its body and its headers.</li>
 * </ul>
 */
final class Exchange implements AutoCloseable {

	/** Largest error answer read. */
	static final int MAX_ERROR_BODY_SIZE = 64 * 1024;

	/** Spring's request attribute holding the URI template, which becomes the {@code uri} tag of observations. */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON,
			MediaType.valueOf("application/hal+json"));

	private static final byte[] EMPTY = new byte[0];

	private final Transport transport;

	private final Endpoint endpoint;

	private final Credentials credentials;

	private final RetryLoop retry;

	private final Clock clock;

	Exchange(Transport transport, Endpoint endpoint, Credentials credentials) {
		TransportContext context = transport.context();
		this.transport = transport;
		this.endpoint = endpoint;
		this.credentials = credentials;
		this.clock = context.clock();
		this.retry = new RetryLoop(context.settings().retry(), context.sleeper(), this.clock);
	}

	Endpoint endpoint() {
		return this.endpoint;
	}

	Credentials credentials() {
		return this.credentials;
	}

	/**
	 * Sends a call and decodes its JSON answer.
	 * @param <T> the value
	 * @param call the call
	 * @param budget its deadline and retry
	 * @return the value, or a {@link HubClientException}
	 */
	<T> Mono<T> json(Call<T> call, CallBudget budget) {
		return withBudget(call, budget, () -> attempt(call).map((answer) -> toValue(call, answer)))
			.onTerminateDetach();
	}

	/**
	 * Sends a call whose answer is streamed: completes once a 2xx status and the headers have arrived (within the
	 * budget); the body then streams, bounded only by the read timeout, and holds one of the {@code maxConnections}
	 * permits until it ends. The subscriber must consume or cancel the body and release each buffer.
	 * @param call the call
	 * @param budget its deadline (until the headers) and retry
	 * @return the response whose body streams the content
	 */
	Mono<ResponseEntity<Flux<DataBuffer>>> stream(Call<?> call, CallBudget budget) {
		return withBudget(call, budget, () -> streamAttempt(call)).onTerminateDetach();
	}

	private <T> Mono<T> withBudget(Call<?> call, CallBudget budget, java.util.function.Supplier<Mono<T>> attempt) {
		return Mono.defer(() -> {
			Deadline deadline = Deadline.of(this.clock, settings().callTimeout(), budget.deadline());
			String target = this.endpoint.toString();
			java.util.function.Function<java.time.Instant, Mono<T>> once = (at) -> deadline
				.bound(Mono.defer(attempt), call.operation(), target)
				.onErrorMap((ex) -> Failures.of(call.operation(), target, ex, this.transport));
			Mono<T> result = budget.transportRetry() ? this.retry.run(call.operation(), call.safe(), deadline.at(), once)
					: once.apply(deadline.at());
			if (call.secrets().isEmpty()) {
				return result;
			}
			return Mono.using(() -> call.secrets().stream().map(Secrets::register).toList(), (registrations) -> result,
					(registrations) -> registrations.forEach(Secrets.Registration::release));
		});
	}

	private Mono<Answer> attempt(Call<?> call) {
		return this.transport.gated(() -> this.transport.open(call.operation())
			.flatMap((web) -> this.credentials.authorize()
				.flatMap((authorization) -> send(web, call, authorization).flatMap((answer) -> {
					if (answer.status() != 401 || !this.credentials.canRenew()) {
						return Mono.just(answer);
					}
					return this.credentials.rejected(authorization)
						.then(this.credentials.authorize())
						.flatMap((renewed) -> send(web, call, renewed));
				}))));
	}

	private Mono<Answer> send(WebClient web, Call<?> call, Credentials.Authorization authorization) {
		return request(web, call, authorization).exchangeToMono((response) -> read(call, response));
	}

	private WebClient.RequestHeadersSpec<?> request(WebClient web, Call<?> call,
			Credentials.Authorization authorization) {
		WebClient.RequestBodySpec request = web.method(call.method())
			.uri(this.endpoint.resolve(call.path(), call.values().toArray(String[]::new)))
			.attribute(URI_TEMPLATE_ATTRIBUTE, call.path())
			.headers((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
				authorization.headers().accept(headers);
			});
		if (call.body() == null) {
			return request.accept(JSON.toArray(MediaType[]::new));
		}
		return request.accept(JSON.toArray(MediaType[]::new)).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(call.body());
	}

	private Mono<Answer> read(Call<?> call, ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		boolean success = response.statusCode().is2xxSuccessful();
		int limit = success ? (int) Math.min(settings().maxJsonBodySize(), Integer.MAX_VALUE - 8) : MAX_ERROR_BODY_SIZE;
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), limit)
			.map(ErrorText::bytes)
			.defaultIfEmpty(EMPTY)
			.map((body) -> new Answer(status, headers, body))
			.onErrorMap(DataBufferLimitException.class, (ex) -> overLimit(call, success, status, ex));
	}

	private HubTransportException overLimit(Call<?> call, boolean success, int status, DataBufferLimitException ex) {
		if (success) {
			return Failures.overLimit(call.operation(), this.endpoint.toString(),
					Failures.size(settings().maxJsonBodySize())
							+ " JSON limit (maxJsonBodySize; property qhub.service.max-json-body-size)", ex);
		}
		return Failures.transport(call.operation(), call.operation() + " to " + this.endpoint + " answered HTTP " + status
				+ " with an error body of more than the " + Failures.size(MAX_ERROR_BODY_SIZE)
				+ " the client reads (fixed limit for error answers)", ex, HubApiException.classify(status), true);
	}

	private <T> T toValue(Call<T> call, Answer answer) {
		if (answer.status() < 200 || answer.status() >= 300) {
			throw apiError(call, answer.status(), answer.headers(), answer.body());
		}
		if (answer.body().length == 0) {
			throw Failures.transport(call.operation(), call.operation() + " to " + this.endpoint
					+ " answered an empty body where JSON was expected", null, FailureKind.PERMANENT, true);
		}
		try {
			return call.decoder().decode(answer.body(), answer.headers());
		}
		catch (HubClientException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the parser's own message quotes the body, which may echo a secret: only its type and location
			throw Failures.transport(call.operation(), call.operation() + " to " + this.endpoint
					+ " answered a body that is not the expected JSON (" + ErrorText.parseFailure(ex) + ")", null,
					FailureKind.PERMANENT, true);
		}
	}

	private HubApiException apiError(Call<?> call, int status, HttpHeaders headers, byte[] body) {
		FailureKind kind = (status == 404) ? call.notFound() : HubApiException.classify(status);
		return new HubApiException(call.operation(), status, Secrets.redact(new String(body, StandardCharsets.UTF_8)),
				RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock), kind);
	}

	/**
	 * Gated until the body has been read: the connection is busy until then, and a download whose answer arrived
	 * while its writer was still queued would hold that answer (thousands of them at 10,000 in flight).
	 */
	private Mono<ResponseEntity<Flux<DataBuffer>>> streamAttempt(Call<?> call) {
		return this.transport.gatedStream(() -> this.transport.open(call.operation())
			.flatMap((web) -> this.credentials.authorize()
				.flatMap((authorization) -> openStream(web, call, authorization)
					.onErrorResume(Unauthorized.class, (ex) -> this.credentials.rejected(authorization)
						.then(this.credentials.authorize())
						.flatMap((renewed) -> openStream(web, call, renewed)))))
			.onErrorMap(Unauthorized.class, Unauthorized::error));
	}

	private Mono<ResponseEntity<Flux<DataBuffer>>> openStream(WebClient web, Call<?> call,
			Credentials.Authorization authorization) {
		WebClient.RequestHeadersSpec<?> request = web.method(call.method())
			.uri(this.endpoint.resolve(call.path(), call.values().toArray(String[]::new)))
			.attribute(URI_TEMPLATE_ATTRIBUTE, call.path())
			.headers((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
				authorization.headers().accept(headers);
			})
			.accept(MediaType.ALL);
		return request.retrieve()
			.onStatus((status) -> !status.is2xxSuccessful(), (response) -> read(call, response).map((answer) -> {
				HubApiException error = apiError(call, answer.status(), answer.headers(), answer.body());
				return (answer.status() == 401 && this.credentials.canRenew()) ? new Unauthorized(error) : error;
			}))
			.toEntityFlux(DataBuffer.class)
			.map((entity) -> ResponseEntity.status(entity.getStatusCode())
				.headers(entity.getHeaders())
				.body(streamErrors(call, entity.getBody())));
	}

	private Flux<DataBuffer> streamErrors(Call<?> call, @org.jspecify.annotations.Nullable Flux<DataBuffer> body) {
		return (body != null) ? body.onErrorMap((ex) -> Failures.of(call.operation(), this.endpoint.toString(), ex,
				this.transport)) : Flux.empty();
	}

	private TransportSettings settings() {
		return this.transport.settings();
	}

	@Override
	public void close() {
		this.credentials.close();
		this.transport.close();
	}

	private record Answer(int status, HttpHeaders headers, byte[] body) {
	}

	/** A 401 on a stream, to be answered with one renewal; its API error is what remains if renewal fails too. */
	private static final class Unauthorized extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient HubApiException error;

		Unauthorized(HubApiException error) {
			super(null, null, false, false);
			this.error = error;
		}

		HubApiException error() {
			return this.error;
		}

	}

}
