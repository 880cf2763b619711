package io.qhub.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A fault a {@link LocalHubGateway} injects into the next {@code times} calls of one operation.
 *
 * @param operation the operation affected
 * @param times how many calls it affects
 * @param latency delay before answering ({@code Duration.ZERO} for none)
 * @param status status code to answer with instead of the real answer, or 0 for the real answer
 * @param retryAfter {@code Retry-After} header value to send with {@code status}, or {@code null}
 * @param dropMidResponse whether to close the connection halfway through the real answer's body (a successful
 * answer's: error answers such as 401 or 404 are sent whole)
 */
public record InjectedFault(GatewayOperation operation, int times, Duration latency, int status,
		@Nullable String retryAfter, boolean dropMidResponse) {

	/**
	 * Answer the next {@code times} calls with a status (e.g. 503, 429) instead of the real answer.
	 * @param operation the operation
	 * @param status the status code
	 * @param retryAfter a {@code Retry-After} value (seconds or HTTP date), or {@code null}
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault status(GatewayOperation operation, int status, @Nullable String retryAfter,
			int times) {
		return new InjectedFault(operation, times, Duration.ZERO, status, retryAfter, false);
	}

	/**
	 * Delay the next {@code times} calls.
	 * @param operation the operation
	 * @param latency the delay
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault latency(GatewayOperation operation, Duration latency, int times) {
		return new InjectedFault(operation, times, latency, 0, null, false);
	}

	/**
	 * Cut the connection halfway through the body of the next {@code times} answers.
	 * @param operation the operation
	 * @param times how many calls
	 * @return the fault
	 */
	public static InjectedFault dropMidResponse(GatewayOperation operation, int times) {
		return new InjectedFault(operation, times, Duration.ZERO, 0, null, true);
	}

}
