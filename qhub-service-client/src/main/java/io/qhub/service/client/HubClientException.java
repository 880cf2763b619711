package io.qhub.service.client;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this client throws for a failed call. Unchecked, like Spring's own data-access and web
 * client exceptions. Messages never contain a secret access key, a token, a grant or a {@code $secrets} value.
 */
public class HubClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	public HubClientException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception without a cause.
	 * @param message what failed
	 */
	public HubClientException(String message) {
		super(message);
	}

}
