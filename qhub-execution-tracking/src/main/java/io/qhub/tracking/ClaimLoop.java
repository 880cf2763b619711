package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.tracking.TrackingStatistics.Event;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;

/**
 * The tracker's one scheduler thread. Every round (each tick, and sooner when there is a
 * batch to write or a backlog to drain) first writes the releases and completions queued
 * since the last round, then claims, in one statement, the executions that are due, up to
 * the free concurrency ({@code maxConcurrency} status polls in flight at most,
 * non-blocking), and polls them. An answer is handled back on the scheduler thread: an
 * execution still running is queued for release, due again on its client's schedule; a
 * final one is handed to the {@link CompletionDelivery}; a failed poll is logged at WARN
 * and queued for release after the retry delay. A poll ends within half its claim,
 * counted from the claim. While queued writes cannot be written (the store is down),
 * nothing new is claimed.
 */
final class ClaimLoop {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final ClientPolls clients;

	private final Leases leases;

	private final CompletionDelivery delivery;

	private final TrackingStatistics statistics;

	private final Clock clock;

	private final Duration tick;

	private final int maxConcurrency;

	private final ScheduledExecutorService scheduler;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean roundRequested = new AtomicBoolean();

	/** The claims being polled, by key; confined to the scheduler thread. */
	private final Map<String, Poll> polls = new HashMap<>();

	/**
	 * Whether the last claim got all it asked for (more may be due); confined to the
	 * scheduler thread.
	 */
	private boolean backlog;

	/** Rounds whose claim failed in a row; confined to the scheduler thread. */
	private int failedClaims;

	private volatile boolean closed;

	/**
	 * A loop that has not started yet.
	 * @param clients the tracker's clients
	 * @param leases the tracker's leases
	 * @param delivery delivers final states
	 * @param statistics counts claims and failed polls
	 * @param clock the clock claims are timed on
	 * @param tick how often due executions are claimed
	 * @param maxConcurrency the most status polls in flight at once
	 * @param scheduler runs the loop, one task at a time (see {@link #newScheduler()})
	 */
	ClaimLoop(ClientPolls clients, Leases leases, CompletionDelivery delivery, TrackingStatistics statistics,
			Clock clock, Duration tick, int maxConcurrency, ScheduledExecutorService scheduler) {
		this.clients = clients;
		this.leases = leases;
		this.delivery = delivery;
		this.statistics = statistics;
		this.clock = clock;
		this.tick = tick;
		this.maxConcurrency = maxConcurrency;
		this.scheduler = scheduler;
	}

	/**
	 * The scheduler of a tracker: one daemon thread, {@code qhub-tracker}.
	 * @return a new scheduler
	 */
	static ScheduledExecutorService newScheduler() {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "qhub-tracker");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts ticking, once: the first round at once, then one every tick. */
	void start() {
		if (this.started.compareAndSet(false, true)) {
			this.scheduler.scheduleWithFixedDelay(this::round, 0, this.tick.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * A round on the scheduler thread before the next tick (for executions due now),
	 * coalesced.
	 */
	void claimSoon() {
		if (this.roundRequested.compareAndSet(false, true)) {
			try {
				this.scheduler.execute(() -> {
					this.roundRequested.set(false);
					round();
				});
			}
			catch (RejectedExecutionException ex) {
				// closed: nothing more is claimed here
			}
		}
	}

	/**
	 * Whether the loop was closed.
	 * @return {@code true} once closed
	 */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Stops claiming and polling: the polls in flight are cancelled, their claims
	 * released (due at once, so another instance takes them over at its next tick), and
	 * the queued writes written, all within {@code timeout}; what cannot be written in
	 * time is left to the leases running out.
	 * @param timeout how long to wait for the last round
	 */
	void close(Duration timeout) {
		this.closed = true;
		try {
			this.scheduler.execute(this::releaseAll);
			this.scheduler.shutdown();
			if (!this.scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				logger.warn("The tracker's last round did not end within " + timeout.toMillis()
						+ " ms; the executions it held are polled again once their leases run out");
			}
		}
		catch (RejectedExecutionException ex) {
			// closed before
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.scheduler.shutdownNow();
		}
	}

	private void releaseAll() {
		for (Poll poll : this.polls.values()) {
			poll.subscription().dispose();
			this.leases.release(poll.claim(), Duration.ZERO);
		}
		this.polls.clear();
		this.leases.flush();
	}

	/**
	 * One round: writes what is queued, then claims what is due. Never throws: an
	 * exception would end the periodic task, and with it all tracking.
	 */
	private void round() {
		if (this.closed) {
			return;
		}
		try {
			if (this.leases.flush()) {
				claim();
				if (this.polls.isEmpty() && this.leases.queued() > 0) {
					this.leases.flush();
				}
			}
		}
		catch (RuntimeException ex) {
			logger.error("A tracking round failed (" + ex.getClass().getName() + "); the next one runs in "
					+ this.tick.toMillis() + " ms", ex);
		}
	}

	/**
	 * Claims what is due, up to the free concurrency, and polls it; on the scheduler
	 * thread.
	 */
	private void claim() {
		int free = this.maxConcurrency - this.polls.size();
		if (free <= 0) {
			return;
		}
		Instant claimedAt = this.clock.instant();
		List<TrackedClaim> claims;
		try {
			claims = this.leases.claimDue(free);
		}
		catch (RuntimeException ex) {
			this.backlog = false;
			this.failedClaims++;
			String message = "Claiming tracked executions failed (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); trying again every " + this.tick.toMillis() + " ms";
			if (this.failedClaims == 1) {
				logger.warn(message + " (logged again at DEBUG until a claim succeeds)");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(message);
			}
			return;
		}
		if (this.failedClaims > 0) {
			logger.info("Claiming tracked executions works again after " + this.failedClaims + " failed rounds");
			this.failedClaims = 0;
		}
		this.backlog = claims.size() == free;
		List<TrackedClaim> others = new ArrayList<>();
		for (TrackedClaim claim : claims) {
			TrackedExecution execution = claim.execution();
			this.statistics.record(execution.service(), Event.CLAIM);
			if (claim.takeover()) {
				this.statistics.record(execution.service(), Event.LEASE_TAKEOVER);
			}
			if (this.clients.polls(execution.service())) {
				poll(execution, claimedAt);
			}
			else {
				others.add(claim);
			}
		}
		if (!others.isEmpty()) {
			leaveToOthers(others);
		}
	}

	private void leaveToOthers(List<TrackedClaim> others) {
		logger.warn(others.size() + " tracked executions (" + others.get(0).execution().key() + " first) belong to "
				+ "services this instance does not poll " + this.clients.services() + "; left to the other instances");
		for (TrackedClaim claim : others) {
			this.leases.release(claim.execution(), this.leases.lease());
		}
	}

	private void poll(TrackedExecution execution, Instant claimedAt) {
		Disposable subscription = this.clients.status(execution)
			.timeout(this.leases.pollTimeout(claimedAt, this.clock.instant()))
			.subscribe((state) -> onScheduler(execution, () -> polled(execution, state, claimedAt)),
					(ex) -> onScheduler(execution, () -> failed(execution, ex)));
		Poll superseded = this.polls.put(execution.key(), new Poll(execution, subscription));
		if (superseded != null) {
			// claimed again here after the earlier claim ran out unanswered: its answer
			// would change nothing now
			superseded.subscription().dispose();
		}
	}

	private void onScheduler(TrackedExecution execution, Runnable handler) {
		try {
			this.scheduler.execute(() -> {
				Poll current = this.polls.get(execution.key());
				if (this.closed || current == null || current.claim().claim() != execution.claim()) {
					// closed: left in polls, the last round releases it; or the answer of
					// a
					// claim taken again since, which changes nothing
					return;
				}
				this.polls.remove(execution.key());
				handler.run();
				if (this.polls.isEmpty() || this.leases.queued() >= batch()
						|| (this.backlog && this.polls.size() <= this.maxConcurrency - batch())) {
					round();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed: the lease runs out and the execution is polled again (here after a
			// restart, or elsewhere)
		}
	}

	/**
	 * The batch worth a round of its own: half the concurrency.
	 * @return the size
	 */
	private int batch() {
		return Math.max(1, this.maxConcurrency / 2);
	}

	private void polled(TrackedExecution execution, ServiceExecution state, Instant claimedAt) {
		int polls = execution.polls() + 1;
		if (!state.status().isFinal()) {
			Duration next = this.clients.nextPollDelay(execution);
			if (logger.isDebugEnabled()) {
				logger.debug("Tracked execution " + execution.key() + " is " + state.status() + " after poll " + polls
						+ "; next poll in " + next.toMillis() + " ms");
			}
			this.leases.release(execution.polled(polls), next);
			return;
		}
		this.clients.finished(execution);
		this.delivery.deliver(execution.polled(polls), state, claimedAt);
	}

	private void failed(TrackedExecution execution, Throwable ex) {
		int polls = execution.polls() + 1;
		this.statistics.record(execution.service(), Event.FAILED_POLL);
		Duration retry = this.clients.retryDelay(polls);
		logger.warn("Polling tracked execution " + execution.key() + " failed (" + ex.getMessage()
				+ "); it stays tracked, next poll in " + retry.toMillis() + " ms");
		this.leases.release(execution.polled(polls), retry);
	}

	/**
	 * A claim being polled.
	 *
	 * @param claim the execution as claimed
	 * @param subscription the poll
	 */
	private record Poll(TrackedExecution claim, Disposable subscription) {
	}

}
