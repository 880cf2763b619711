package io.qhub.service.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * {@link PollingPolicy} under one deadline: it starts from the last known state, polls after growing delays, and
 * emits every state it sees until one is final. Each poll is one attempt (no transport retry underneath: the
 * schedule is the retry) cut at the deadline, token request included. A failure that can succeed later is logged
 * and polling goes on, honouring {@code Retry-After}; any other ends the wait at once. At the deadline it fails
 * with {@link ExecutionTimeoutException} carrying the last state seen. The last poll starts at least
 * {@link #finalPollReserve(Duration)} before the deadline, so it has time to be answered; no poll starts later.
 */
final class ExecutionPoller {

	private static final Log logger = LogFactory.getLog(ExecutionPoller.class);

	private static final Duration MAX_FINAL_POLL_RESERVE = Duration.ofSeconds(1);

	private final BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus;

	private final Sleeper sleeper;

	private final Clock clock;

	ExecutionPoller(BiFunction<String, CallBudget, Mono<ServiceExecution>> fetchStatus, Sleeper sleeper,
			Clock clock) {
		this.fetchStatus = fetchStatus;
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
			return Mono.just(new Poll(known, 0, null))
				.expand((last) -> next(id, last, policy, deadline))
				.map(Poll::execution)
				.distinctUntilChanged(Function.identity(), (a, b) -> a == b);
		});
	}

	private Mono<Poll> next(String id, Poll last, PollingPolicy policy, Instant deadline) {
		if (last.execution().status().isFinal()) {
			return Mono.empty();
		}
		Duration remaining = Duration.between(this.clock.instant(), deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			return Mono.error(timeout(last, policy));
		}
		Duration delay = (last.retryAfter() != null) ? min(last.retryAfter(), policy.maxInterval())
				: policy.delayBefore(last.number() + 1);
		Duration latestStart = remaining.minus(finalPollReserve(policy.timeout()));
		if (latestStart.isNegative() || latestStart.isZero()) {
			// the last poll has been made: no later one could be answered before the deadline
			return this.sleeper.sleep(remaining).then(Mono.error(timeout(last, policy)));
		}
		Duration sleep = min(delay, latestStart);
		int number = last.number() + 1;
		return this.sleeper.sleep(sleep)
			.then(Mono.defer(() -> this.fetchStatus.apply(id, CallBudget.singleAttemptUntil(deadline))))
			.map((execution) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Poll " + number + " of execution " + id + ": " + execution.status());
				}
				return new Poll(execution, number, null);
			})
			.onErrorResume((ex) -> {
				if (!this.clock.instant().isBefore(deadline)) {
					return Mono.error(timeout(last, policy));
				}
				if (!(ex instanceof HubClientException failure) || !failure.failureKind().isRetryable()) {
					return Mono.error(ex);
				}
				logger.warn("Polling execution " + id + " failed (" + failure.getMessage() + "); polling goes on");
				return Mono.just(new Poll(last.execution(), number, retryAfter(ex)));
			});
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

	private record Poll(ServiceExecution execution, int number, @Nullable Duration retryAfter) {
	}

}
