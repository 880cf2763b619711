package io.qhub.service.core;

/**
 * How a failed call is classified, once, where it failed. The transport retry, the poller
 * of {@code waitForFinalState} and the result retry all read this one classification, so
 * they agree on what can succeed later.
 *
 * <ul>
 * <li>{@link #TRANSIENT}: may succeed if tried again soon: a connection error, a timeout,
 * a cut answer, HTTP 408, 429 and 5xx.</li>
 * <li>{@link #NOT_YET_AVAILABLE}: the thing asked for does not exist yet but will: a 404
 * for the result of an execution whose result is not published yet.</li>
 * <li>{@link #PERMANENT}: the same request will fail the same way: a rejected key pair,
 * 400, 401 (after one token renewal), 403, 404, 409, 422, a malformed answer, an answer
 * over a size limit, a local error.</li>
 * </ul>
 */
public enum FailureKind {

	/** Can succeed when tried again soon. */
	TRANSIENT,

	/** What was asked for does not exist yet, but will (a result not yet published). */
	NOT_YET_AVAILABLE,

	/** The same request fails the same way again. */
	PERMANENT;

	/**
	 * Whether trying again later can succeed.
	 * @return {@code true} for {@link #TRANSIENT} and {@link #NOT_YET_AVAILABLE}
	 */
	public boolean isRetryable() {
		return this != PERMANENT;
	}

}
