package io.qhub.service.core.internal;

import io.qhub.service.core.Secrets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Small helpers for reading what came over the wire: short descriptions of low-level
 * failures (for messages, always run through {@link Secrets#redact(String)}) and the
 * bytes of a joined body.
 */
final class ErrorText {

	private ErrorText() {
	}

	/**
	 * Describes a failure by its innermost cause's type and message.
	 * @param ex the failure
	 * @return e.g. {@code "ConnectException: Connection refused"}
	 */
	static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * Describes a failure to read a body without quoting the body: the failure's type
	 * and, for a JSON parser's failure, where in the body it happened.
	 * @param ex the failure
	 * @return e.g. {@code "MismatchedInputException at line 1, column 12"}
	 */
	static String parseFailure(Throwable ex) {
		if (ex instanceof JacksonException json && json.getLocation() != null) {
			return ex.getClass().getSimpleName() + " at line " + json.getLocation().getLineNr() + ", column "
					+ json.getLocation().getColumnNr();
		}
		return ex.getClass().getSimpleName();
	}

	/**
	 * The first cause of the given type in the chain.
	 * @param <T> the type
	 * @param ex the failure
	 * @param type the type looked for
	 * @return the cause, or {@code null}
	 */
	static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	/**
	 * The bytes of a (joined) buffer, which is released.
	 * @param buffer the buffer
	 * @return its readable bytes
	 */
	static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
