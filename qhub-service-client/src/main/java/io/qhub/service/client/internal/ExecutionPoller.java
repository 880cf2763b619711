package io.qhub.service.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.Sleeper;
import io.qhub.service.core.internal.CallBudget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one poller behind {@code watch} and {@code waitForFinalState}, blocking and
 * reactive alike. Follows a {@link PollingPolicy} under one deadline: it starts from the
 * last known state, polls, and emits every state it sees until one is final. Each poll is
 * one attempt (no transport retry underneath: the schedule is the retry) cut at the
 * deadline, token request included. A failure that can succeed later is logged and
 * polling goes on, honouring {@code Retry-After}; any other ends the wait at once. At the
 * deadline it fails with {@link WaitTimedOut} carrying the last state seen (the client's
 * API turns it into its {@code ExecutionTimeoutException}). The last poll starts at least
 * {@link #finalPollReserve(Duration)} before the deadline, so it has time to be answered;
 * no poll starts later.
 *
 * <p>
 * When the policy learns and this client submitted the execution, the schedule comes from
 * what it has seen of the service's executions ({@link LearnedSchedule}): the first poll
 * between the latest offset (from submission) at which a poll still saw one running and
 * the earliest at which one saw one final, then at that earliest "final", then in growing
 * steps. Without history (the service's first executions) it is the policy's doubling
 * schedule. Every delay is capped at {@code maxInterval}; a {@code Retry-After} comes
 * first.
 */
public final class ExecutionPoller {

	private static final Log logger = LogFactory.getLog(ExecutionPoller.class);

	private static final Duration MAX_FINAL_POLL_RESERVE = Duration.ofSeconds(1);

	private final BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus;

	private final LearnedSchedule times;

	private final Sleeper sleeper;

	private final Clock clock;

	/**
	 * Creates the poller of one client, polling with single attempts within each wait's
	 * deadline.
	 * @param operations the gateway operations
	 * @param times the client's learned schedule
	 * @param sleeper waits between polls
	 * @param clock the client's clock
	 */
	public ExecutionPoller(GatewayOperations operations, LearnedSchedule times, Sleeper sleeper, Clock clock) {
		this(operations::getStatus, times, sleeper, clock);
	}

	/**
	 * Creates a poller.
	 * @param fetchStatus one status poll, within a budget
	 * @param times the client's learned schedule
	 * @param sleeper waits between polls
	 * @param clock the client's clock
	 */
	ExecutionPoller(BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus, LearnedSchedule times,
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
	public Flux<ServiceExecution> poll(ServiceExecution known, PollingPolicy policy) {
		if (known.id() == null) {
			return Flux.error(new IllegalArgumentException("execution has no id"));
		}
		String id = known.id();
		return Flux.defer(() -> {
			Instant deadline = this.clock.instant().plus(policy.timeout());
			LearnedSchedule.Plan schedule = schedule(id, policy);
			// one poll at a time: a queue of one instead of the default 256 slots keeps a
			// waiting execution small
			return Flux.just(new Poll(known, 0, null, null, Duration.ZERO))
				.expand((last) -> next(id, last, policy, schedule, deadline), 1)
				.map(Poll::execution)
				.distinctUntilChanged(Function.identity(), (a, b) -> a == b);
		});
	}

	/**
	 * The learned schedule of this wait, or {@code null} for the policy's own.
	 * @param id the execution waited for
	 * @param policy the polling policy of the wait; its {@code learning} switch decides
	 * @return the learned plan for the execution, or {@code null} when the policy does
	 * not learn or this client did not submit the execution
	 */
	private LearnedSchedule.@Nullable Plan schedule(String id, PollingPolicy policy) {
		LearnedSchedule.Plan plan = policy.learning() ? this.times.plan(id) : null;
		if (plan == null) {
			return null;
		}
		LearnedSchedule.Bounds bounds = plan.bounds();
		if (logger.isDebugEnabled()) {
			logger.debug((bounds != null)
					? "Execution " + id + ": learned schedule, first poll " + millis(bounds.firstPoll())
							+ " after submission (executions were still running " + millis(bounds.notBefore())
							+ " and final " + millis(bounds.finishedBy()) + " after theirs)"
					: "Execution " + id + ": no history yet, the policy's schedule");
		}
		return plan;
	}

	private Mono<Poll> next(String id, Poll last, PollingPolicy policy, LearnedSchedule.@Nullable Plan schedule,
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
			// the last poll has been made: no later one could be answered before the
			// deadline
			return this.sleeper.sleep(remaining).then(Mono.error(timeout(last, policy)));
		}
		Duration sleep = min(delay, latestStart);
		int number = last.number() + 1;
		return this.sleeper.sleep(sleep).then(Mono.defer(() -> {
			Duration sent = (schedule != null) ? schedule.offset(this.clock.instant()) : null;
			return this.fetchStatus.apply(id, CallBudget.singleAttemptUntil(deadline)).map((execution) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Poll " + number + " of execution " + id + ": " + execution.status());
				}
				Duration running = (execution.status().isFinal() || sent == null) ? last.running() : sent;
				return new Poll(execution, number, null, sent, running);
			}).onErrorResume((ex) -> {
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

	private static Duration delay(Poll last, PollingPolicy policy, LearnedSchedule.@Nullable Plan schedule,
			Instant now) {
		if (last.retryAfter() != null) {
			return last.retryAfter();
		}
		if (schedule == null || schedule.bounds() == null) {
			return policy.delayBefore(last.number() + 1);
		}
		return schedule.delayAt(now, last.sent());
	}

	/**
	 * A final state seen by a poll of this wait teaches the client when the service's
	 * executions end.
	 * @param id the execution waited for
	 * @param last the poll that saw the execution final
	 * @param schedule the learned plan of this wait, or {@code null} when it does not
	 * learn
	 */
	private void learn(String id, Poll last, LearnedSchedule.@Nullable Plan schedule) {
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
	 * How long before the deadline the last poll starts at the latest: a tenth of the
	 * wait, at most 1 s.
	 * @param timeout the wait's timeout
	 * @return the reserve
	 */
	public static Duration finalPollReserve(Duration timeout) {
		return min(timeout.dividedBy(10), MAX_FINAL_POLL_RESERVE);
	}

	private static WaitTimedOut timeout(Poll last, PollingPolicy policy) {
		return new WaitTimedOut(last.execution(), policy.timeout());
	}

	private static @Nullable Duration retryAfter(Throwable ex) {
		return (ex instanceof HubApiException api) ? api.retryAfter().orElse(null) : null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * One state of a wait.
	 *
	 * @param execution the state
	 * @param number how many polls were made
	 * @param retryAfter the {@code Retry-After} of a failed poll
	 * @param sent when the poll that gave this state was sent, as an offset from
	 * submission (learned schedule only)
	 * @param running the offset of the latest poll (or the submission) that saw the
	 * execution running
	 */
	private record Poll(ServiceExecution execution, int number, @Nullable Duration retryAfter, @Nullable Duration sent,
			Duration running) {
	}

}
