package io.qhub.autoconfigure;

import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the cause of a failed context start.
 */
public final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The {@link InvalidHubPropertyException} at the root of a startup failure.
	 * @param failure the context's startup failure
	 * @return the exception
	 */
	public static InvalidHubPropertyException invalidProperty(Throwable failure) {
		assertThat(failure).isNotNull();
		Throwable root = rootCause(failure);
		assertThat(root).isInstanceOf(InvalidHubPropertyException.class);
		return (InvalidHubPropertyException) root;
	}

	/**
	 * The root cause of a failure.
	 * @param failure the failure
	 * @return its innermost cause
	 */
	public static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

}
