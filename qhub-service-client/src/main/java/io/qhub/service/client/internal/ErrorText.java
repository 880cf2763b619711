package io.qhub.service.client.internal;

/** Short, secret-free descriptions of low-level failures for exception messages. */
public final class ErrorText {

	private ErrorText() {
	}

	/**
	 * Describes a failure by its innermost cause's type and message.
	 * @param ex the failure
	 * @return e.g. {@code "ConnectException: Connection refused"}
	 */
	public static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * Whether any cause in the chain is of the given type.
	 * @param ex the failure
	 * @param type the type looked for
	 * @return {@code true} when found
	 */
	public static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

}
