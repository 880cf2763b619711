package io.qhub.service.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.qhub.service.client.internal.CallBudget;
import io.qhub.service.client.model.ServiceExecution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one poller behind {@code watch} and {@code waitForFinalState}, blocking and reactive alike. Follows a
 * {@link PollingPolicy} under one deadline: it starts from the last known state, polls, and emits every state it
 * sees until one is final. Each poll is one attempt (no transport retry underneath: the schedule is the retry) cut
 * at the deadline, token request included. A failure that can succeed later is logged and polling goes on,
 * honouring {@code Retry-After}; any other ends the wait at once. At the deadline it fails with
 * {@link ExecutionTimeoutException} carrying the last state seen. The last poll starts at least
 * {@link #finalPollReserve(Duration)} before the deadline, so it has time to be answered; no poll starts later.
 *
 * <p>
 * When the policy learns and this client submitted the execution, the schedule comes from what it has seen of the
 * service's executions ({@link ExecutionTimes}): the first poll between the latest offset (from submission) at which
 * a poll still saw one running and the earliest at which one saw one final, then at that earliest "final", then
 * in growing steps. Without history (the service's first executions) it is the policy's doubling schedule. Every
 * delay is capped at {@code maxInterval}; a {@code Retry-After} comes first.
 */
final class ExecutionPoller {

	private static final Log logger = LogFactory.getLog(ExecutionPoller.class);

	private static final Duration MAX_FINAL_POLL_RESERVE = Duration.ofSeconds(1);

	private final BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus;

	private final ExecutionTimes times;

	private final Sleeper sleeper;

	private final Clock clock;

	ExecutionPoller(BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus, ExecutionTimes times,
			Sleeper sleeper, Clock clock) {
		this.fetchStatus = fetchStatus;
		this.times = times;
		this.sleeper = sleeper;
		this.clock = clock;
	}

	/**
	 * Every state seen, starting with {@code known}, until a final one (inclusive).
	 * @param known the last known state
	 * @param policy delays and timeout
	 * @return the states
	 */
	Flux<ServiceExecution> poll(ServiceExecution known, PollingPolicy policy) {
		if (known.id() == null) {
			return Flux.error(new IllegalArgumentException("execution has no id"));
		}
		String id = known.id();
		return Flux.defer(() -> {
			Instant deadline = this.clock.instant().plus(policy.timeout());
			Schedule schedule = schedule(id, policy);
			// one poll at a time: a queue of one instead of the default 256 slots keeps a waiting execution small
			return Flux.just(new Poll(known, 0, null, null, Duration.ZERO))
				.expand((last) -> next(id, last, policy, schedule, deadline), 1)
				.map(Poll::execution)
				.distinctUntilChanged(Function.identity(), (a, b) -> a == b);
		});
	}

	/**
	 * The delay before the next poll of an execution polled by someone else (a tracker): the learned schedule when
	 * this client submitted the execution and has seen similar ones finish, else the policy's doubling schedule.
	 * @param id the execution id
	 * @param polls the polls made so far (all of which saw it running)
	 * @param policy the policy
	 * @return the delay, at most the policy's {@code maxInterval}
	 */
	Duration nextDelay(String id, int polls, PollingPolicy policy) {
		Instant submitted = policy.learning() ? this.times.submission(id) : null;
		ExecutionTimes.Bounds bounds = (submitted != null) ? this.times.peekBounds() : null;
		if (submitted == null || bounds == null) {
			return min(policy.delayBefore(polls + 1), policy.maxInterval());
		}
		Schedule schedule = new Schedule(submitted, bounds);
		Instant now = this.clock.instant();
		return min(schedule.delayAt(now, (polls == 0) ? null : schedule.offset(now)), policy.maxInterval());
	}

	/**
	 * What a poll made by someone else (a tracker) saw: an execution this client submitted was still running at
	 * one instant and final at a later one; teaches the learned schedule as this client's own waits do.
	 * @param id the execution id
	 * @param stillRunningAt when the last poll that saw it running was sent, {@code null} when only its submission
	 * did
	 * @param finalAt when the poll that saw it final was sent
	 */
	void learnFinal(String id, @Nullable Instant stillRunningAt, Instant finalAt) {
		Instant submitted = this.times.submission(id);
		Instant running = (stillRunningAt != null) ? stillRunningAt : submitted;
		if (submitted != null && running != null && !finalAt.isBefore(running)) {
			Duration offset = Duration.between(submitted, running);
			this.times.finished(id, offset.isNegative() ? Duration.ZERO : offset, Duration.between(submitted, finalAt));
		}
	}

	/** The learned schedule of this wait, or {@code null} for the policy's own. */
	private @Nullable Schedule schedule(String id, PollingPolicy policy) {
		Instant submitted = policy.learning() ? this.times.submission(id) : null;
		if (submitted == null) {
			return null;
		}
		ExecutionTimes.Bounds bounds = this.times.bounds();
		if (logger.isDebugEnabled()) {
			logger.debug((bounds != null)
					? "Execution " + id + ": learned schedule, first poll " + millis(bounds.firstPoll())
							+ " after submission (executions were still running " + millis(bounds.notBefore())
							+ " and final " + millis(bounds.finishedBy()) + " after theirs)"
					: "Execution " + id + ": no history yet, the policy's schedule");
		}
		return new Schedule(submitted, bounds);
	}

	private Mono<Poll> next(String id, Poll last, PollingPolicy policy, @Nullable Schedule schedule,
			Instant deadline) {
		if (last.execution().status().isFinal()) {
			learn(id, last, schedule);
			return Mono.empty();
		}
		Instant now = this.clock.instant();
		Duration remaining = Duration.between(now, deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			return Mono.error(timeout(last, policy));
		}
		Duration delay = min(delay(last, policy, schedule, now), policy.maxInterval());
		Duration latestStart = remaining.minus(finalPollReserve(policy.timeout()));
		if (latestStart.isNegative() || latestStart.isZero()) {
			// the last poll has been made: no later one could be answered before the deadline
			return this.sleeper.sleep(remaining).then(Mono.error(timeout(last, policy)));
		}
		Duration sleep = min(delay, latestStart);
		int number = last.number() + 1;
		return this.sleeper.sleep(sleep).then(Mono.defer(() -> {
			Duration sent = (schedule != null) ? schedule.offset(this.clock.instant()) : null;
			return this.fetchStatus.apply(id, CallBudget.singleAttemptUntil(deadline))
				.map((execution) -> {
					if (logger.isDebugEnabled()) {
						logger.debug("Poll " + number + " of execution " + id + ": " + execution.status());
					}
					Duration running = (execution.status().isFinal() || sent == null) ? last.running() : sent;
					return new Poll(execution, number, null, sent, running);
				})
				.onErrorResume((ex) -> {
					if (!this.clock.instant().isBefore(deadline)) {
						return Mono.error(timeout(last, policy));
					}
					if (!(ex instanceof HubClientException failure) || !failure.failureKind().isRetryable()) {
						return Mono.error(ex);
					}
					logger.warn("Polling execution " + id + " failed (" + failure.getMessage() + "); polling goes on");
					return Mono.just(new Poll(last.execution(), number, retryAfter(ex), sent, last.running()));
				});
		}));
	}

	private static Duration delay(Poll last, PollingPolicy policy, @Nullable Schedule schedule, Instant now) {
		if (last.retryAfter() != null) {
			return last.retryAfter();
		}
		if (schedule == null || schedule.bounds() == null) {
			return policy.delayBefore(last.number() + 1);
		}
		return schedule.delayAt(now, last.sent());
	}

	/** A final state seen by a poll of this wait teaches the client when the service's executions end. */
	private void learn(String id, Poll last, @Nullable Schedule schedule) {
		if (schedule == null || last.sent() == null) {
			return;
		}
		this.times.finished(id, last.running(), last.sent());
		if (logger.isDebugEnabled()) {
			logger.debug("Execution " + id + " was still running " + millis(last.running()) + " and final "
					+ millis(last.sent()) + " after its submission, seen by poll " + last.number());
		}
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

	/**
	 * How long before the deadline the last poll starts at the latest: a tenth of the wait, at most 1 s.
	 * @param timeout the wait's timeout
	 * @return the reserve
	 */
	static Duration finalPollReserve(Duration timeout) {
		return min(timeout.dividedBy(10), MAX_FINAL_POLL_RESERVE);
	}

	private static ExecutionTimeoutException timeout(Poll last, PollingPolicy policy) {
		return new ExecutionTimeoutException(last.execution(), policy.timeout());
	}

	private static @Nullable Duration retryAfter(Throwable ex) {
		return (ex instanceof HubApiException api) ? api.retryAfter().orElse(null) : null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * One state of a wait.
	 * @param execution the state
	 * @param number how many polls were made
	 * @param retryAfter the {@code Retry-After} of a failed poll
	 * @param sent when the poll that gave this state was sent, as an offset from submission (learned schedule only)
	 * @param running the offset of the latest poll (or the submission) that saw the execution running
	 */
	private record Poll(ServiceExecution execution, int number, @Nullable Duration retryAfter, @Nullable Duration sent,
			Duration running) {
	}

	/**
	 * A learned schedule: offsets from the execution's submission.
	 * @param submitted when the execution was submitted
	 * @param bounds what the service's earlier executions showed, {@code null} before any finished
	 */
	private record Schedule(Instant submitted, ExecutionTimes.@Nullable Bounds bounds) {

		Duration offset(Instant at) {
			return Duration.between(this.submitted, at);
		}

		/** From {@code now} to the next poll after one sent at {@code after}; zero when that time has passed. */
		Duration delayAt(Instant now, @Nullable Duration after) {
			Duration delay = target(after).minus(offset(now));
			return delay.isNegative() ? Duration.ZERO : delay;
		}

		/**
		 * The offset of the next poll after one sent at {@code after}: the first poll; while still running before
		 * the expected end, halfway there (down to twice the tolerance, then the expected end); after it, steps
		 * growing with the lateness.
		 */
		Duration target(@Nullable Duration after) {
			ExecutionTimes.Bounds known = Objects.requireNonNull(this.bounds);
			Duration first = known.firstPoll();
			if (after == null || after.compareTo(first) < 0) {
				return first;
			}
			Duration expected = known.expectedFinal();
			if (after.compareTo(expected) < 0) {
				Duration left = expected.minus(after);
				return (left.compareTo(known.tolerance().multipliedBy(2)) > 0) ? after.plus(left.dividedBy(2)) : expected;
			}
			Duration late = after.minus(expected);
			return after.plus((late.compareTo(known.step()) > 0) ? late : known.step());
		}

	}

}
