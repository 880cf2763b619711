package io.qhub.service.core.internal;

import java.util.List;

import io.qhub.service.core.FailureKind;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One operation to send: what it is called in messages and metrics, where it goes, what
 * it sends and how its answer is read.
 *
 * @param <T> the decoded answer
 * @param operation method and path template, e.g. {@code "GET /{id}/result"}
 * @param method the HTTP method
 * @param path the path template below the endpoint, e.g. {@code "/{id}/result"};
 * {@code "/"} for the endpoint
 * @param values the template's values in order, each encoded as one path segment
 * @param body the JSON request body, or {@code null}
 * @param safe whether sending it twice is harmless (everything but starting an execution
 * or a grant)
 * @param notFound how a 404 answer is classified
 * @param decoder reads a 2xx answer
 * @param secrets values the request carries that must never be shown ({@code $secrets},
 * grant JWTs)
 */
public record Call<T>(String operation, HttpMethod method, String path, List<String> values, byte @Nullable [] body,
		boolean safe, FailureKind notFound, Decoder<T> decoder, List<String> secrets) {

	/**
	 * A {@code GET} below the endpoint, safe to send again.
	 * @param <T> the value
	 * @param path the path template
	 * @param values the template's values
	 * @param notFound how a 404 is classified
	 * @param decoder reads a 2xx answer
	 * @return the call
	 */
	public static <T> Call<T> get(String path, List<String> values, FailureKind notFound, Decoder<T> decoder) {
		return new Call<>("GET " + path, HttpMethod.GET, path, values, null, true, notFound, decoder, List.of());
	}

	/**
	 * Reads a 2xx answer's body.
	 *
	 * @param <T> the value
	 */
	@FunctionalInterface
	public interface Decoder<T> {

		/**
		 * Decodes the body.
		 * @param body the raw body, never empty
		 * @param headers the response headers
		 * @return the value
		 */
		T decode(byte[] body, HttpHeaders headers);

	}

}
