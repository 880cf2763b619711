package io.qhub.service.client.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Finds an execution whose start answer was lost by the submission key its start carried
 * in {@code $tags}: the rule of a start that may have reached the gateway. A start is
 * never sent again; when its answer is lost after the request may have been sent (the
 * connection was reset or cut, a timeout passed, the answer was a 5xx, could not be read
 * or named no execution), the executions are listed ({@code GET /}) and the one carrying
 * the key is returned. When none carries it, the start's own failure is raised, with the
 * lookup noted on it. Any other failure (the connection could not be opened, a 4xx, a 408
 * or 429, a token failure) is raised as it is: the gateway did not start anything.
 */
public final class SubmissionRecovery {

	private static final Log logger = LogFactory.getLog(SubmissionRecovery.class);

	private static final String START = "POST /";

	private final GatewayOperations operations;

	/**
	 * The recovery of one client.
	 * @param operations the gateway operations
	 */
	public SubmissionRecovery(GatewayOperations operations) {
		this.operations = operations;
	}

	/**
	 * A new submission key: a random UUID.
	 * @return the key
	 */
	public static String newKey() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Whether a start's failure leaves open whether the execution was started: its answer
	 * was lost after the request may have reached the gateway.
	 * @param failure the failure of {@code POST /}
	 * @return {@code true} for a reset, cut or timed-out answer, one that could not be
	 * read or named no execution, and a 5xx; {@code false} when the request certainly was
	 * not sent, was refused (4xx, 408, 429) or failed before it (a token failure)
	 */
	public static boolean answerLost(Throwable failure) {
		if (failure instanceof HubTransportException transport) {
			return START.equals(transport.operation()) && transport.requestMayHaveBeenSent();
		}
		if (failure instanceof HubApiException api) {
			return START.equals(api.operation()) && api.isServerError();
		}
		return false;
	}

	/**
	 * The execution started with the key, found by listing the executions, or the start's
	 * failure when none carries it (or the listing fails: its failure is added as
	 * suppressed).
	 * @param tag the submission key's tag
	 * @param failure the start's failure
	 * @return the execution
	 */
	public Mono<ServiceExecution> recover(String tag, Throwable failure) {
		logger.warn("The answer to POST / was lost (" + failure.getMessage()
				+ "); looking for the execution by its submission key");
		AtomicLong listed = new AtomicLong();
		// read as the list streams (any length, bounded heap), stopping at the first
		// match
		return this.operations.listServiceExecutions()
			.doOnNext((execution) -> listed.incrementAndGet())
			.filter((execution) -> execution.id() != null && execution.tags().contains(tag))
			.next()
			.onErrorMap((listing) -> {
				failure.addSuppressed(listing);
				return failure;
			})
			.switchIfEmpty(Mono.defer(() -> {
				failure.addSuppressed(new NotFound("No execution carries the submission key " + tag + " (GET / listed "
						+ listed.get() + "); the start was not repeated"));
				return Mono.error(failure);
			}))
			.doOnNext((found) -> logger
				.warn("Found execution " + found.id() + " by its submission key; the start was not repeated"));
	}

	/** What the lookup by submission key found: nothing. */
	static final class NotFound extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotFound(String message) {
			super(message, null, false, false);
		}

	}

}
