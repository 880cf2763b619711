package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.tracking.TrackingStatistics.Event;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers the completion of a claimed execution that a poll saw final, at least once:
 * only while at least half of the claim is left (else the execution is released, due at
 * once, and polled again), then to the listener, and only after the listener returned is
 * the execution's removal queued (whoever claimed it since). A listener that throws is
 * logged at WARN and has the completion delivered again after the retry delay (a
 * redelivery); a listener slower than half a claim is logged at WARN, since the claim may
 * have run out meanwhile. Runs on the tracker's scheduler thread.
 */
final class CompletionDelivery {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final Leases leases;

	private final ClientPolls clients;

	private final Consumer<HubExecutionFinished> listener;

	private final TrackingStatistics statistics;

	private final Clock clock;

	/**
	 * Delivers to a listener.
	 * @param leases the tracker's leases
	 * @param clients the tracker's clients (for the retry delay)
	 * @param listener receives each completion
	 * @param statistics counts deliveries and redeliveries
	 * @param clock the clock claims are timed on
	 */
	CompletionDelivery(Leases leases, ClientPolls clients, Consumer<HubExecutionFinished> listener,
			TrackingStatistics statistics, Clock clock) {
		this.leases = leases;
		this.clients = clients;
		this.listener = listener;
		this.statistics = statistics;
		this.clock = clock;
	}

	/**
	 * Delivers a completion.
	 * @param execution the execution as claimed, with the poll that saw it final counted
	 * @param state its final state
	 * @param claimedAt when this instance's claim on it was sent
	 */
	void deliver(TrackedExecution execution, ServiceExecution state, Instant claimedAt) {
		Instant start = this.clock.instant();
		if (!this.leases.leftToDeliver(claimedAt, start)) {
			// too little of the claim is left to deliver before another instance may
			// claim it: poll again
			this.leases.release(execution, Duration.ZERO);
			return;
		}
		try {
			this.listener.accept(new HubExecutionFinished(execution.service(), state));
		}
		catch (RuntimeException ex) {
			Duration retry = this.clients.retryDelay(execution.polls());
			logger.warn("Delivering the completion of tracked execution " + execution.key() + " failed ("
					+ ex.getClass().getName() + ": " + ex.getMessage() + "); it is delivered again in "
					+ retry.toMillis() + " ms");
			this.leases.release(execution.deliveryFailed(), retry);
			return;
		}
		this.statistics.record(execution.service(), Event.DELIVERY);
		if (execution.failedDeliveries() > 0) {
			this.statistics.record(execution.service(), Event.REDELIVERY);
		}
		Duration took = Duration.between(start, this.clock.instant());
		if (this.leases.tooSlow(took)) {
			logger.warn("The listener took " + took.toMillis() + " ms on the completion of tracked execution "
					+ execution.key() + ", more than half its claim: another instance may have claimed it meanwhile "
					+ "and deliver it again; hand slow work off the listener, or lengthen the lease");
		}
		this.leases.complete(execution);
	}

}
