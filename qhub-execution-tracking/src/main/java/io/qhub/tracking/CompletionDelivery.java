package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.qhub.service.client.model.ServiceExecution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers the completion of a claimed execution that a poll saw final, at least once:
 * only while at least half of the claim is left (else the execution is released, due at
 * once, and polled again), then to the listener, and only after the listener returned is
 * the execution removed from the store. A listener that throws is logged at WARN and has
 * the completion delivered again after the retry delay. Runs on the tracker's scheduler
 * thread.
 */
final class CompletionDelivery {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final Leases leases;

	private final ClientPolls clients;

	private final Consumer<HubExecutionFinished> listener;

	private final Clock clock;

	/**
	 * Delivers to a listener.
	 * @param leases the tracker's leases
	 * @param clients the tracker's clients (for the retry delay)
	 * @param listener receives each completion
	 * @param clock the clock leases are taken from
	 */
	CompletionDelivery(Leases leases, ClientPolls clients, Consumer<HubExecutionFinished> listener, Clock clock) {
		this.leases = leases;
		this.clients = clients;
		this.listener = listener;
		this.clock = clock;
	}

	/**
	 * Delivers a completion.
	 * @param execution the claimed execution
	 * @param polls the polls made so far, the one that saw it final included
	 * @param state its final state
	 * @param leaseUntil when this instance's claim on it runs out
	 */
	void deliver(TrackedExecution execution, int polls, ServiceExecution state, Instant leaseUntil) {
		if (!this.leases.leftToDeliver(this.clock.instant(), leaseUntil)) {
			// too little of the lease is left to deliver before another instance may
			// claim it: poll again
			this.leases.release(execution.dueAt(this.clock.instant(), polls));
			return;
		}
		try {
			this.listener.accept(new HubExecutionFinished(execution.service(), state));
		}
		catch (RuntimeException ex) {
			Duration retry = this.clients.retryDelay(polls);
			logger.warn("Delivering the completion of tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getName() + ": " + ex.getMessage() + "); it is delivered again in "
					+ retry.toMillis() + " ms");
			this.leases.release(execution.dueAt(this.clock.instant().plus(retry), polls));
			return;
		}
		this.leases.complete(execution);
	}

}
