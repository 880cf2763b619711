package io.qhub.service.client;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The gateway (or the platform API) answered with a non-2xx status. Carries the status code and the response body
 * as text, shortened to {@value #MAX_BODY_LENGTH} characters.
 */
public class HubApiException extends HubClientException {

	private static final long serialVersionUID = 1L;

	/** Longest body text kept, in characters. */
	public static final int MAX_BODY_LENGTH = 512;

	private final String operation;

	private final int statusCode;

	private final String responseBody;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param operation the operation that failed, e.g. {@code "GET /{id}/result"}
	 * @param statusCode the HTTP status code
	 * @param responseBody the response body as text (shortened here)
	 * @param retryAfter the server's {@code Retry-After} hint, if it sent one
	 */
	public HubApiException(String operation, int statusCode, String responseBody, @Nullable Duration retryAfter) {
		super(message(operation, statusCode, shorten(responseBody)));
		this.operation = operation;
		this.statusCode = statusCode;
		this.responseBody = shorten(responseBody);
		this.retryAfter = retryAfter;
	}

	/**
	 * The operation that failed, as method and path template, e.g. {@code "GET /{id}/result"}.
	 * @return the operation
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * The HTTP status code of the answer.
	 * @return the status code
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * The response body as text, shortened to {@value #MAX_BODY_LENGTH} characters; empty when there was none.
	 * @return the body text
	 */
	public String responseBody() {
		return this.responseBody;
	}

	/**
	 * The server's {@code Retry-After} hint (seconds or HTTP date), when it sent one.
	 * @return the hint
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Whether the status is 404 Not Found.
	 * @return {@code true} for 404
	 */
	public boolean isNotFound() {
		return this.statusCode == 404;
	}

	/**
	 * Whether the status is 5xx.
	 * @return {@code true} for a server error
	 */
	public boolean isServerError() {
		return this.statusCode >= 500 && this.statusCode < 600;
	}

	private static String message(String operation, int statusCode, String body) {
		String text = operation + " failed with HTTP " + statusCode;
		return body.isEmpty() ? text : text + ": " + body;
	}

	private static String shorten(String body) {
		String trimmed = body.strip();
		return (trimmed.length() <= MAX_BODY_LENGTH) ? trimmed : trimmed.substring(0, MAX_BODY_LENGTH) + "…";
	}

}
