package io.qhub.service.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this client throws for a failed call. Unchecked, like Spring's
 * own data-access and web client exceptions. Each carries its {@link #failureKind()
 * classification}, made once where the failure happened. Messages never contain a secret
 * access key (or its Basic header), a token, an API key, a grant or a {@code $secrets}
 * value the client knows, nor a proxy password, in any form it is sent in (Base64 of a
 * Basic header included), even when a server or a proxy echoes one: every message is
 * redacted here, where it is made, and a cause whose message holds a secret is replaced
 * by a stand-in with its type and redacted message.
 */
public class HubClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final FailureKind failureKind;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 * @param failureKind whether trying again can succeed
	 */
	public HubClientException(String message, @Nullable Throwable cause, FailureKind failureKind) {
		super(Secrets.redact(message), Secrets.scrub(cause));
		this.failureKind = failureKind;
	}

	/**
	 * Creates a {@link FailureKind#PERMANENT permanent} failure.
	 * @param message what failed
	 * @param cause the underlying failure, if any
	 */
	public HubClientException(String message, @Nullable Throwable cause) {
		this(message, cause, FailureKind.PERMANENT);
	}

	/**
	 * Creates a {@link FailureKind#PERMANENT permanent} failure without a cause.
	 * @param message what failed
	 */
	public HubClientException(String message) {
		this(message, null);
	}

	/**
	 * Whether and when trying again can succeed; what the transport retry, the poller and
	 * the result retry read.
	 * @return the classification
	 */
	public FailureKind failureKind() {
		return this.failureKind;
	}

}
