package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.PollingPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One run of a batch ({@code runAll}): starts the items' executions with at most
 * {@code parallelism} of them not yet seen final, follows each on the client's learned
 * schedule, then runs the item's work outside that bound (so fetching results never
 * delays the next start), retries the unsuccessful ones and cancels the rest after a
 * failure when asked to, and reports every step as a {@link BatchEvent}. Every item ends
 * with exactly one {@link BatchEvent.Kind#FINISHED}.
 *
 * <p>
 * What a batch adds to the client's own schedule: its executions are of one service and
 * started together, so what one teaches applies to the others at once. While the client
 * has seen no execution of the service finish, the batch's first execution (its scout) is
 * polled every {@value #SCOUT_STEPS}th of the policy's {@code initialInterval}, for that
 * interval, and when one is seen final, the others that planned their wait without any
 * history plan it again from what was just learned, instead of sleeping out the doubling
 * schedule's first delay. Then one execution at a time (the prober) follows the client's
 * schedule, which closes in on the end; the others poll first at the end it expects
 * ({@code LearnedSchedule.expectedDuration()}) and follow the client's schedule only if
 * still running then, so the batch pays for closing in once, not once per slot.
 *
 * @param <T> the work's value
 */
final class BatchRun<T> {

	/** The scout's polls over the policy's {@code initialInterval}. */
	static final int SCOUT_STEPS = 25;

	private static final Log logger = LogFactory.getLog(BatchRun.class);

	private final ReactiveHubServiceClient client;

	private final ClientRuntime runtime;

	private final List<?> requests;

	private final BatchOptions options;

	private final Function<ReactiveHubServiceExecution, Mono<T>> work;

	private final Sinks.Many<BatchEvent<T>> events = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Attempt> attempts = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<Boolean> learned = Sinks.many().multicast().directBestEffort();

	private final Sinks.Empty<Void> stop = Sinks.empty();

	private final AtomicBoolean scoutTaken = new AtomicBoolean();

	private final AtomicBoolean probing = new AtomicBoolean();

	private final boolean[] everSubmitted;

	private int submitted;

	private int running;

	private int finished;

	private int succeeded;

	private volatile int failedIndex = -1;

	BatchRun(ReactiveHubServiceClient client, ClientRuntime runtime, List<?> requests, BatchOptions options,
			Function<ReactiveHubServiceExecution, Mono<T>> work) {
		this.client = client;
		this.runtime = runtime;
		this.requests = List.copyOf(requests);
		this.options = options;
		this.work = work;
		this.everSubmitted = new boolean[this.requests.size()];
	}

	/**
	 * Runs the batch when subscribed: its events, ending with the last item's
	 * {@code FINISHED}. Cancelling the subscription stops following the executions (they
	 * keep running on the service).
	 * @return the events
	 */
	Flux<BatchEvent<T>> events() {
		if (this.requests.isEmpty()) {
			return Flux.empty();
		}
		for (int i = 0; i < this.requests.size(); i++) {
			emitAttempt(new Attempt(i, 1));
		}
		Disposable run = this.attempts.asFlux()
			.flatMap(this::startAndFollow, this.options.parallelism())
			.flatMap(this::finish)
			.subscribe(null, this::failed);
		return this.events.asFlux().doOnCancel(run::dispose);
	}

	private Mono<Followed> startAndFollow(Attempt attempt) {
		return Mono.defer(() -> {
			if (this.failedIndex >= 0) {
				return Mono.just(new Followed(attempt, null, notStarted()));
			}
			return Mono.defer(() -> this.client.run(this.requests.get(attempt.index()), this.options.runOptions()))
				.flatMap((execution) -> follow(attempt, execution))
				.onErrorResume((ex) -> Mono.just(new Followed(attempt, null, ex)));
		});
	}

	/**
	 * Follows a started execution until it is seen final, fails, times out or the batch
	 * is cancelled; never fails itself.
	 * @param attempt the attempt that started it
	 * @param execution the started execution
	 * @return how the attempt ended
	 */
	private Mono<Followed> follow(Attempt attempt, ReactiveHubServiceExecution execution) {
		submittedItem(attempt, execution);
		PollingPolicy policy = this.runtime.polling();
		Instant started = this.runtime.clock().instant();
		boolean scout = policy.learning() && this.runtime.schedule().peekBounds() == null
				&& this.scoutTaken.compareAndSet(false, true);
		boolean claimed = this.probing.compareAndSet(false, true);
		boolean prober = claimed || scout;
		Item item = new Item(attempt, execution, started, started.plus(policy.timeout()), scout, prober);
		Mono<Followed> polled = poll(item).map((state) -> new Followed(attempt, execution, null))
			.onErrorResume((ex) -> Mono.just(new Followed(attempt, execution, ex)));
		Mono<Followed> stopped = this.stop.asMono()
			.then(Mono.defer(() -> execution.cancel()
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.just(new Followed(attempt, execution, cancelled(execution))))));
		return Mono.firstWithSignal(polled, stopped).doOnNext((followed) -> seenFinal()).doFinally((signal) -> {
			if (claimed) {
				this.probing.set(false);
			}
		});
	}

	private Mono<ServiceExecution> poll(Item item) {
		return Mono.defer(() -> {
			ServiceExecution state = item.execution().execution();
			if (state.status().isFinal()) {
				return Mono.just(state);
			}
			Instant now = this.runtime.clock().instant();
			Duration remaining = Duration.between(now, item.deadline());
			if (remaining.isNegative() || remaining.isZero()) {
				return Mono.error(new ExecutionTimeoutException(state, this.runtime.polling().timeout()));
			}
			Duration delay = delay(item, now);
			Duration sleep = (delay.compareTo(remaining) < 0) ? delay : remaining;
			Mono<Boolean> due = this.runtime.sleeper().sleep(sleep).thenReturn(Boolean.TRUE);
			if (this.runtime.schedule().expectedDuration() != null) {
				return due.flatMap((poll) -> refresh(item)).then(poll(item));
			}
			Mono<Boolean> replan = this.learned.asFlux().next().map((signal) -> Boolean.FALSE);
			return Mono.firstWithSignal(due, replan)
				.flatMap((poll) -> poll ? refresh(item) : Mono.just(state))
				.then(poll(item));
		});
	}

	/**
	 * When to poll next: the scout's short steps for its first {@code initialInterval};
	 * for an execution other than the prober not yet polled, the end the client expects;
	 * else the client's schedule ({@link ReactiveHubServiceExecution#nextPollDelay()}).
	 * @param item the execution followed
	 * @param now the current instant
	 * @return the delay before its next poll
	 */
	private Duration delay(Item item, Instant now) {
		Duration initial = this.runtime.polling().initialInterval();
		if (item.scout() && Duration.between(item.started(), now).compareTo(initial) < 0) {
			return initial.dividedBy(SCOUT_STEPS);
		}
		Duration expected = this.runtime.schedule().expectedDuration();
		if (!item.prober() && expected != null && item.polls() == 0) {
			Instant submitted = this.runtime.schedule().submission(item.execution().id());
			Instant since = (submitted != null) ? submitted : item.started();
			Duration left = expected.minus(Duration.between(since, now));
			Duration cap = this.runtime.polling().maxInterval();
			return left.isNegative() ? Duration.ZERO : ((left.compareTo(cap) > 0) ? cap : left);
		}
		return item.execution().nextPollDelay();
	}

	private Mono<ServiceExecution> refresh(Item item) {
		ReactiveHubServiceExecution execution = item.execution();
		item.polled();
		return execution.refresh().doOnNext((state) -> {
			if (state.status() == ServiceExecutionStatus.RUNNING && item.markRunning()) {
				emit(BatchEvent.Kind.RUNNING, item.attempt().index(), execution.id(), null);
			}
			if (state.status().isFinal()) {
				emitLearned();
			}
		}).onErrorResume((ex) -> {
			if (ex instanceof HubClientException failure && failure.failureKind().isRetryable()) {
				logger.warn("Polling execution " + execution.id() + " of a batch failed (" + ex.getMessage()
						+ "); polling goes on");
				return Mono.empty();
			}
			return Mono.error(ex);
		});
	}

	private Mono<Void> finish(Followed followed) {
		ReactiveHubServiceExecution execution = followed.execution();
		Mono<BatchOutcome<T>> outcome;
		if (followed.failure() != null || execution == null) {
			outcome = Mono.just(outcome(followed, null, followed.failure()));
		}
		else {
			outcome = Mono.defer(() -> this.work.apply(execution))
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.map((value) -> outcome(followed, value.orElse(null), null))
				.onErrorResume((ex) -> Mono.just(outcome(followed, null, ex)));
		}
		return outcome.doOnNext(this::conclude).then();
	}

	private BatchOutcome<T> outcome(Followed followed, @Nullable T value, @Nullable Throwable failure) {
		ReactiveHubServiceExecution execution = followed.execution();
		return new BatchOutcome<>(followed.attempt().index(), (execution != null) ? execution.id() : null,
				(execution != null) ? execution.status() : ServiceExecutionStatus.UNKNOWN, value, failure,
				followed.attempt().number());
	}

	private void conclude(BatchOutcome<T> outcome) {
		boolean cancelledByBatch = outcome.failure() instanceof BatchCancelledException;
		boolean unsuccessful = !outcome.succeeded() && !cancelledByBatch;
		if (unsuccessful && outcome.attempts() <= this.options.retries() && this.failedIndex < 0) {
			emit(BatchEvent.Kind.RETRYING, outcome.index(), outcome.executionId(), null);
			emitAttempt(new Attempt(outcome.index(), outcome.attempts() + 1));
			return;
		}
		boolean last;
		synchronized (this) {
			this.finished++;
			if (outcome.succeeded()) {
				this.succeeded++;
			}
			last = this.finished == this.requests.size();
			emitEvent(new BatchEvent<>(BatchEvent.Kind.FINISHED, outcome.index(), outcome.executionId(), progress(),
					outcome));
		}
		if (unsuccessful && this.options.cancelOnFailure() && this.failedIndex < 0) {
			this.failedIndex = outcome.index();
			this.stop.tryEmitEmpty();
		}
		if (last) {
			synchronized (this) {
				this.attempts.tryEmitComplete();
				this.events.tryEmitComplete();
			}
		}
	}

	private BatchCancelledException notStarted() {
		return new BatchCancelledException(
				"Not started: the batch was cancelled after item " + this.failedIndex + " was unsuccessful",
				this.failedIndex);
	}

	private BatchCancelledException cancelled(ReactiveHubServiceExecution execution) {
		return new BatchCancelledException("Execution " + execution.id() + " was cancelled: the batch was cancelled "
				+ "after item " + this.failedIndex + " was unsuccessful", this.failedIndex);
	}

	private void submittedItem(Attempt attempt, ReactiveHubServiceExecution execution) {
		synchronized (this) {
			if (!this.everSubmitted[attempt.index()]) {
				this.everSubmitted[attempt.index()] = true;
				this.submitted++;
			}
			this.running++;
			emitEvent(new BatchEvent<>(BatchEvent.Kind.SUBMITTED, attempt.index(), execution.id(), progress(), null));
		}
	}

	private synchronized void seenFinal() {
		this.running--;
	}

	private synchronized void emit(BatchEvent.Kind kind, int index, @Nullable String executionId,
			@Nullable BatchOutcome<T> outcome) {
		emitEvent(new BatchEvent<>(kind, index, executionId, progress(), outcome));
	}

	private synchronized void emitEvent(BatchEvent<T> event) {
		this.events.tryEmitNext(event);
	}

	private synchronized void emitAttempt(Attempt attempt) {
		this.attempts.tryEmitNext(attempt);
	}

	private synchronized void emitLearned() {
		this.learned.tryEmitNext(Boolean.TRUE);
	}

	private synchronized void failed(Throwable ex) {
		this.events.tryEmitError(ex);
	}

	private BatchProgress progress() {
		return new BatchProgress(this.requests.size(), this.submitted, this.running, this.finished, this.succeeded);
	}

	/**
	 * One start of an item.
	 *
	 * @param index the item's index
	 * @param number the attempt's number, from 1
	 */
	private record Attempt(int index, int number) {
	}

	/**
	 * An attempt whose execution was seen final, or that ended otherwise.
	 *
	 * @param attempt the attempt
	 * @param execution its execution, {@code null} when none was started
	 * @param failure what ended it, {@code null} when its execution was seen final
	 */
	private record Followed(Attempt attempt, @Nullable ReactiveHubServiceExecution execution,
			@Nullable Throwable failure) {
	}

	/** An execution of the batch being followed. */
	private static final class Item {

		private final Attempt attempt;

		private final ReactiveHubServiceExecution execution;

		private final Instant started;

		private final Instant deadline;

		private final boolean scout;

		private final boolean prober;

		private final AtomicBoolean seenRunning = new AtomicBoolean();

		private final AtomicInteger polls = new AtomicInteger();

		Item(Attempt attempt, ReactiveHubServiceExecution execution, Instant started, Instant deadline, boolean scout,
				boolean prober) {
			this.attempt = attempt;
			this.execution = execution;
			this.started = started;
			this.deadline = deadline;
			this.scout = scout;
			this.prober = prober;
		}

		boolean prober() {
			return this.prober;
		}

		int polls() {
			return this.polls.get();
		}

		void polled() {
			this.polls.incrementAndGet();
		}

		Attempt attempt() {
			return this.attempt;
		}

		ReactiveHubServiceExecution execution() {
			return this.execution;
		}

		Instant started() {
			return this.started;
		}

		Instant deadline() {
			return this.deadline;
		}

		boolean scout() {
			return this.scout;
		}

		boolean markRunning() {
			return this.seenRunning.compareAndSet(false, true);
		}

	}

}
