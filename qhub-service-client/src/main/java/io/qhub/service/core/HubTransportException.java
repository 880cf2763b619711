package io.qhub.service.core;

import org.jspecify.annotations.Nullable;

/**
 * A call got no usable answer: the connection was refused, reset or cut, a timeout
 * passed, the answer was larger than a limit, its body could not be read as the expected
 * JSON, or it described another execution. The message names the operation and, for a
 * timeout or a limit, which setting it was.
 */
public class HubTransportException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	private final boolean requestMayHaveBeenSent;

	/**
	 * Creates an exception.
	 * @param operation the operation that failed, e.g. {@code "GET /{id}"} or
	 * {@code "POST /token"}
	 * @param message what failed, naming the operation
	 * @param cause the underlying I/O or parsing failure, if any
	 * @param failureKind whether trying again can succeed
	 * @param requestMayHaveBeenSent {@code false} only when the request certainly never
	 * reached the server (the connection could not be opened), so sending it again cannot
	 * do anything twice
	 */
	public HubTransportException(String operation, String message, @Nullable Throwable cause, FailureKind failureKind,
			boolean requestMayHaveBeenSent) {
		super(message, cause, failureKind);
		this.operation = operation;
		this.requestMayHaveBeenSent = requestMayHaveBeenSent;
	}

	/**
	 * The operation that failed, as method and path template, e.g. {@code "GET /{id}"}.
	 * @return the operation
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * Whether the request may have reached the server. {@code false} only when the
	 * connection could not be opened: then sending it again cannot start an execution
	 * twice.
	 * @return {@code false} when certainly not sent
	 */
	public boolean requestMayHaveBeenSent() {
		return this.requestMayHaveBeenSent;
	}

}
