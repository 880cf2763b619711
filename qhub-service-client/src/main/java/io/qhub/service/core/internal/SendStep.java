package io.qhub.service.core.internal;

import java.util.Objects;

import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTransportException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The end of the {@link CallStep} chain: builds the request, sends it and reads the
 * answer, for JSON and streamed calls alike.
 * <ul>
 * <li>The one request builder: the URI from the endpoint and the call's path template
 * (each value one encoded path segment, so credentials only go to this endpoint's
 * origin), the template as the {@code uri} of observations, {@code User-Agent}, the
 * authorization headers, {@code Accept} (JSON, or anything for a streamed call) and the
 * JSON body, if any.</li>
 * <li>Reading: a 2xx JSON answer up to {@code maxJsonBodySize}, an error answer up to
 * {@value #MAX_ERROR_BODY_SIZE} bytes, so no answer can exhaust memory; a 2xx streamed
 * answer's body is handed on as it streams. Every status is an {@link Answer} here;
 * {@link StatusStep} turns a non-2xx one into an error.</li>
 * <li>Failures: an answer over its limit, and every failure on the wire (also of a
 * streaming body), become a classified {@link HubTransportException} through
 * {@link Failures}.</li>
 * </ul>
 */
final class SendStep implements CallStep.Chain {

	/** Largest error answer read. */
	static final int MAX_ERROR_BODY_SIZE = 64 * 1024;

	/**
	 * Spring's request attribute holding the URI template, which becomes the {@code uri}
	 * tag of observations.
	 */
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final MediaType[] JSON = { MediaType.APPLICATION_JSON, MediaType.valueOf("application/hal+json") };

	private static final MediaType[] ANY = { MediaType.ALL };

	private static final byte[] EMPTY = new byte[0];

	private final Transport transport;

	private final Endpoint endpoint;

	/**
	 * The end of the chain for one endpoint.
	 * @param transport the transport requests go through
	 * @param endpoint the endpoint every request's URI is built from
	 */
	SendStep(Transport transport, Endpoint endpoint) {
		this.transport = transport;
		this.endpoint = endpoint;
	}

	@Override
	public Mono<Answer> proceed(CallContext context) {
		return Mono.defer(() -> request(context).retrieve()
			// every status is an answer here: no WebClientResponseException
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntityFlux(DataBuffer.class)
			.flatMap((entity) -> read(context, entity))).onErrorMap((ex) -> failure(context.call(), ex));
	}

	private WebClient.RequestHeadersSpec<?> request(CallContext context) {
		Call<?> call = context.call();
		Credentials.Authorization authorization = context.authorization();
		WebClient.RequestBodySpec request = this.transport.webClient()
			.method(call.method())
			.uri(this.endpoint.resolve(call.path(), call.values().toArray(String[]::new)))
			.attribute(URI_TEMPLATE_ATTRIBUTE, call.path())
			.headers((headers) -> {
				headers.set(HttpHeaders.USER_AGENT, UserAgent.VALUE);
				if (authorization != null) {
					authorization.headers().accept(headers);
				}
			})
			.accept(context.acceptAny() ? ANY : JSON);
		byte[] body = call.body();
		return (body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
	}

	private Mono<Answer> read(CallContext context, ResponseEntity<Flux<DataBuffer>> entity) {
		Call<?> call = context.call();
		int status = entity.getStatusCode().value();
		HttpHeaders headers = entity.getHeaders();
		Flux<DataBuffer> body = Objects.requireNonNullElse(entity.getBody(), Flux.empty());
		boolean success = entity.getStatusCode().is2xxSuccessful();
		if (success && context.streamed()) {
			return Mono.just(Answer.streamed(status, headers, body.onErrorMap((ex) -> failure(call, ex))));
		}
		int limit = success ? (int) Math.min(this.transport.settings().maxJsonBodySize(), Integer.MAX_VALUE - 8)
				: MAX_ERROR_BODY_SIZE;
		return DataBufferUtils.join(body, limit)
			.map(ErrorText::bytes)
			.defaultIfEmpty(EMPTY)
			.map((bytes) -> Answer.read(status, headers, bytes))
			.onErrorMap(DataBufferLimitException.class, (ex) -> overLimit(call, success, status, ex));
	}

	private HubTransportException overLimit(Call<?> call, boolean success, int status, DataBufferLimitException ex) {
		if (success) {
			return Failures.overLimit(call.operation(), this.endpoint.toString(),
					Failures.size(this.transport.settings().maxJsonBodySize())
							+ " JSON limit (maxJsonBodySize; property qhub.service.max-json-body-size)",
					ex);
		}
		return Failures.transport(call.operation(),
				call.operation() + " to " + this.endpoint + " answered HTTP " + status
						+ " with an error body of more than the " + Failures.size(MAX_ERROR_BODY_SIZE)
						+ " the client reads (fixed limit for error answers)",
				ex, HubApiException.classify(status), true);
	}

	private HubClientException failure(Call<?> call, Throwable ex) {
		return Failures.of(call.operation(), this.endpoint.toString(), ex, this.transport);
	}

}
