package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.model.ServiceExecution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The tracker's one scheduler thread: every tick it claims the executions that are due,
 * up to the free concurrency ({@code maxConcurrency} status polls in flight at most,
 * non-blocking), and polls them; an answer is handled back on the scheduler thread. An
 * execution still running is released, due again on its client's schedule; a final one is
 * handed to the {@link CompletionDelivery}; a failed poll is logged at WARN and retried
 * after the retry delay. A claim that got all it asked for means more may be due: each
 * finished poll then claims again, so a backlog drains as fast as polls complete rather
 * than one batch per tick.
 */
final class ClaimLoop {

	private static final Log logger = LogFactory.getLog(HubExecutionTracker.class);

	private final ClientPolls clients;

	private final Leases leases;

	private final CompletionDelivery delivery;

	private final Clock clock;

	private final Duration tick;

	private final int maxConcurrency;

	private final ScheduledExecutorService scheduler;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean claimRequested = new AtomicBoolean();

	/**
	 * Whether the last claim got all it asked for (more may be due); confined to the
	 * scheduler thread.
	 */
	private boolean backlog;

	private volatile boolean closed;

	/**
	 * A loop that has not started yet.
	 * @param clients the tracker's clients
	 * @param leases the tracker's leases
	 * @param delivery delivers final states
	 * @param clock the clock leases and schedules are taken from
	 * @param tick how often due executions are claimed
	 * @param maxConcurrency the most status polls in flight at once
	 * @param scheduler runs the loop, one task at a time (see {@link #newScheduler()})
	 */
	ClaimLoop(ClientPolls clients, Leases leases, CompletionDelivery delivery, Clock clock, Duration tick,
			int maxConcurrency, ScheduledExecutorService scheduler) {
		this.clients = clients;
		this.leases = leases;
		this.delivery = delivery;
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

	/** Starts ticking, once: the first claim at once, then one every tick. */
	void start() {
		if (this.started.compareAndSet(false, true)) {
			this.scheduler.scheduleWithFixedDelay(this::tick, 0, this.tick.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * A claim on the scheduler thread before the next tick (for executions due now),
	 * coalesced.
	 */
	void claimSoon() {
		if (this.claimRequested.compareAndSet(false, true)) {
			try {
				this.scheduler.execute(() -> {
					this.claimRequested.set(false);
					tick();
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

	/** Stops claiming and polling; the leases held run out. */
	void close() {
		this.closed = true;
		this.scheduler.shutdownNow();
	}

	/**
	 * One round, every tick: claims what is due. Never throws: an exception would end the
	 * periodic task, and with it all tracking.
	 */
	private void tick() {
		if (this.closed) {
			return;
		}
		try {
			claim();
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
		int free = this.maxConcurrency - this.inFlight.get();
		if (free <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		Instant leaseUntil = this.leases.claimUntil(now);
		List<TrackedExecution> due;
		try {
			due = this.leases.claimDue(now, leaseUntil, free);
		}
		catch (RuntimeException ex) {
			this.backlog = false;
			logger.warn("Claiming tracked executions failed (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
					+ "); trying again in " + this.tick.toMillis() + " ms");
			return;
		}
		this.backlog = due.size() == free;
		for (TrackedExecution execution : due) {
			poll(execution, leaseUntil);
		}
	}

	private void poll(TrackedExecution execution, Instant leaseUntil) {
		if (!this.clients.polls(execution.service())) {
			// another instance's service: leave it to an instance that has the client
			logger.warn("Tracked execution " + execution.key() + " belongs to a service this instance does not poll "
					+ this.clients.services() + "; left to the other instances");
			this.leases.release(execution.dueAt(this.clock.instant().plus(this.leases.lease()), execution.polls()));
			return;
		}
		this.inFlight.incrementAndGet();
		this.clients.status(execution)
			.timeout(this.leases.pollTimeout())
			.subscribe((state) -> onScheduler(() -> polled(execution, state, leaseUntil)),
					(ex) -> onScheduler(() -> failed(execution, ex)));
	}

	private void onScheduler(Runnable task) {
		try {
			this.scheduler.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.inFlight.decrementAndGet();
				}
				if (this.backlog) {
					tick();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed: the lease runs out and the execution is polled again (here after a
			// restart, or elsewhere)
			this.inFlight.decrementAndGet();
		}
	}

	private void polled(TrackedExecution execution, ServiceExecution state, Instant leaseUntil) {
		int polls = execution.polls() + 1;
		if (!state.status().isFinal()) {
			Duration next = this.clients.nextPollDelay(execution);
			if (logger.isDebugEnabled()) {
				logger.debug("Tracked execution " + execution.key() + " is " + state.status() + " after poll " + polls
						+ "; next poll in " + next.toMillis() + " ms");
			}
			this.leases.release(execution.dueAt(this.clock.instant().plus(next), polls));
			return;
		}
		this.clients.finished(execution);
		this.delivery.deliver(execution, polls, state, leaseUntil);
	}

	private void failed(TrackedExecution execution, Throwable ex) {
		int polls = execution.polls() + 1;
		Duration retry = this.clients.retryDelay(polls);
		logger.warn("Polling tracked execution " + execution.key() + " failed (" + ex.getMessage()
				+ "); it stays tracked, next poll in " + retry.toMillis() + " ms");
		this.leases.release(execution.dueAt(this.clock.instant().plus(retry), polls));
	}

}
