package io.qhub.service.core;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The gateway (or the platform API) answered with a non-2xx status. Carries the
 * operation, the status code, the {@code Retry-After} hint and the response body as text,
 * with every secret the client knows replaced by {@code <redacted>}. The message holds
 * the operation, the status and a short excerpt of that redacted body.
 */
public class HubApiException extends HubClientException {

	private static final long serialVersionUID = 1L;

	/** Longest excerpt of the body the message shows, in characters. */
	public static final int MESSAGE_EXCERPT_LENGTH = 200;

	private final String operation;

	private final int statusCode;

	private final String responseBody;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param operation the operation that failed, e.g. {@code "GET /{id}/result"}
	 * @param statusCode the HTTP status code
	 * @param responseBody the response body as text, already redacted
	 * @param retryAfter the server's {@code Retry-After} hint, if it sent one
	 * @param failureKind whether trying again can succeed
	 */
	public HubApiException(String operation, int statusCode, String responseBody, @Nullable Duration retryAfter,
			FailureKind failureKind) {
		super(message(operation, statusCode, responseBody), null, failureKind);
		this.operation = operation;
		this.statusCode = statusCode;
		this.responseBody = responseBody;
		this.retryAfter = retryAfter;
	}

	/**
	 * The usual classification of a status: 408, 429 and 5xx are
	 * {@link FailureKind#TRANSIENT}, everything else {@link FailureKind#PERMANENT}. (The
	 * client classifies a 404 for a result not yet published as
	 * {@link FailureKind#NOT_YET_AVAILABLE} itself.)
	 * @param statusCode the HTTP status code
	 * @return the classification
	 */
	public static FailureKind classify(int statusCode) {
		return (statusCode == 408 || statusCode == 429 || (statusCode >= 500 && statusCode < 600))
				? FailureKind.TRANSIENT : FailureKind.PERMANENT;
	}

	/**
	 * The operation that failed, as method and path template, e.g. {@code "GET
	 * /{id}/result"}.
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
	 * The response body as text (up to the client's error-body limit), secrets redacted;
	 * empty when there was none.
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
		String excerpt = body.strip();
		if (excerpt.isEmpty()) {
			return text;
		}
		return text + ": " + ((excerpt.length() <= MESSAGE_EXCERPT_LENGTH) ? excerpt
				: excerpt.substring(0, MESSAGE_EXCERPT_LENGTH) + "…");
	}

}
