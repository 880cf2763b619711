package io.qhub.service.client.internal;

import java.time.Clock;
import java.util.function.Function;

import io.qhub.service.client.HubApiException;
import io.qhub.service.client.HubClientException;
import io.qhub.service.client.HubTransportException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs one request and turns every outcome into either a decoded value or a {@link HubClientException}: a non-2xx
 * answer becomes a {@link HubApiException} (status, shortened body, {@code Retry-After}); a connection, timeout,
 * empty-body or parsing failure becomes a {@link HubTransportException} naming the operation.
 */
public final class GatewayExchange {

	private static final byte[] EMPTY = new byte[0];

	private final Clock clock;

	/**
	 * Creates the exchange helper.
	 * @param clock reads {@code Retry-After} dates
	 */
	public GatewayExchange(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Sends the request and decodes a JSON body.
	 * @param <T> the decoded type
	 * @param operation the operation for messages, e.g. {@code "GET /{id}"}
	 * @param request the prepared request
	 * @param decoder decodes the body
	 * @return the decoded value
	 */
	public <T> Mono<T> json(String operation, WebClient.RequestHeadersSpec<?> request, Function<byte[], T> decoder) {
		return json(operation, request, (body, headers) -> decoder.apply(body));
	}

	/**
	 * Sends the request and decodes a JSON body, with access to the response headers.
	 * @param <T> the decoded type
	 * @param operation the operation for messages
	 * @param request the prepared request
	 * @param decoder decodes the body, given the headers
	 * @return the decoded value
	 */
	public <T> Mono<T> json(String operation, WebClient.RequestHeadersSpec<?> request, BodyDecoder<T> decoder) {
		return request.exchangeToMono((response) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				return apiError(operation, response).flatMap(Mono::error);
			}
			HttpHeaders headers = response.headers().asHttpHeaders();
			return response.bodyToMono(byte[].class)
				.defaultIfEmpty(EMPTY)
				.map((body) -> decode(operation, body, headers, decoder));
		}).onErrorMap((ex) -> !(ex instanceof HubClientException), (ex) -> transportError(operation, ex));
	}

	/**
	 * Sends the request and streams the body once the status is known to be 2xx.
	 * @param operation the operation for messages
	 * @param request the prepared request
	 * @return the response whose body is a stream of buffers that the subscriber must release
	 */
	public Mono<ResponseEntity<Flux<DataBuffer>>> stream(String operation, WebClient.RequestHeadersSpec<?> request) {
		return request.retrieve()
			.onStatus((status) -> !status.is2xxSuccessful(), (response) -> apiError(operation, response))
			.toEntityFlux(DataBuffer.class)
			.map((entity) -> ResponseEntity.status(entity.getStatusCode())
				.headers(entity.getHeaders())
				.body(mapTransportErrors(operation, entity.getBody())))
			.onErrorMap((ex) -> !(ex instanceof HubClientException), (ex) -> transportError(operation, ex));
	}

	private Flux<DataBuffer> mapTransportErrors(String operation, Flux<DataBuffer> body) {
		return (body != null) ? body.onErrorMap((ex) -> !(ex instanceof HubClientException),
				(ex) -> transportError(operation, ex)) : Flux.empty();
	}

	private Mono<HubApiException> apiError(String operation, ClientResponse response) {
		int status = response.statusCode().value();
		String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		return response.bodyToMono(String.class)
			.onErrorResume((ex) -> Mono.just("(unreadable body: " + ErrorText.describe(ex) + ")"))
			.defaultIfEmpty("")
			.map((body) -> new HubApiException(operation, status, body, RetryAfter.parse(retryAfter, this.clock)));
	}

	private static <T> T decode(String operation, byte[] body, HttpHeaders headers, BodyDecoder<T> decoder) {
		if (body.length == 0) {
			throw new HubTransportException(operation + " returned an empty body where JSON was expected", null);
		}
		try {
			return decoder.decode(body, headers);
		}
		catch (RuntimeException ex) {
			throw new HubTransportException(operation + " returned a body that is not the expected JSON: "
					+ ErrorText.describe(ex), ex);
		}
	}

	private static HubTransportException transportError(String operation, Throwable ex) {
		return new HubTransportException(operation + " failed: " + ErrorText.describe(ex), ex);
	}

	/**
	 * Decodes a response body.
	 *
	 * @param <T> the decoded type
	 */
	@FunctionalInterface
	public interface BodyDecoder<T> {

		/**
		 * Decodes the body.
		 * @param body the raw body, never empty
		 * @param headers the response headers
		 * @return the value
		 */
		T decode(byte[] body, HttpHeaders headers);

	}

}
