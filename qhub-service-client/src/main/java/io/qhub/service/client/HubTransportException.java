package io.qhub.service.client;

import org.jspecify.annotations.Nullable;

/**
 * A call got no usable HTTP answer: connection refused or reset, a timeout, or a body that could not be read or
 * parsed. Whether the request reached the server is unknown unless the message says the connection was refused.
 */
public class HubTransportException extends HubClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed, naming the operation
	 * @param cause the underlying I/O or parsing failure, if any
	 */
	public HubTransportException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
