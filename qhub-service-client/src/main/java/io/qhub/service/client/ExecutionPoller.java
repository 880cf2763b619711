package io.qhub.service.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import io.qhub.service.client.internal.ErrorText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one poller behind {@code watch} and {@code waitForFinalState}, blocking and reactive alike. Follows a
 * {@link PollingPolicy} under one overall deadline: it starts from the last known state, polls after growing
 * delays, and emits every state it sees until one is final. Transient failures of a poll (I/O, 429, 5xx) are
 * logged and polling goes on, honouring {@code Retry-After}; other failures (401, 403, 404) end the wait at once.
 * At the deadline it fails with {@link ExecutionTimeoutException} carrying the last state seen.
 */
final class ExecutionPoller {

	private static final Log logger = LogFactory.getLog(ExecutionPoller.class);

	private final Function<String, Mono<ServiceExecution>> fetchStatus;

	private final Sleeper sleeper;

	private final Clock clock;

	ExecutionPoller(Function<String, Mono<ServiceExecution>> fetchStatus, Sleeper sleeper, Clock clock) {
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
		return Flux.defer(() -> {
			Instant deadline = this.clock.instant().plus(policy.timeout());
			return Mono.just(new Poll(known, 0, null)).expand((last) -> next(last, policy, deadline))
				.map(Poll::execution)
				.distinctUntilChanged(Function.identity(), (a, b) -> a == b);
		});
	}

	private Mono<Poll> next(Poll last, PollingPolicy policy, Instant deadline) {
		if (last.execution().status().isFinal()) {
			return Mono.empty();
		}
		Duration remaining = Duration.between(this.clock.instant(), deadline);
		if (remaining.isNegative() || remaining.isZero()) {
			return Mono.error(new ExecutionTimeoutException(last.execution(), policy.timeout()));
		}
		Duration delay = (last.retryAfter() != null) ? min(last.retryAfter(), policy.maxInterval())
				: policy.delayBefore(last.number() + 1);
		String id = last.execution().id();
		return this.sleeper.sleep(min(delay, remaining))
			.then(Mono.defer(() -> this.fetchStatus.apply(id)))
			.map((execution) -> {
				logPoll(execution, last.number() + 1);
				return new Poll(execution, last.number() + 1, null);
			})
			.onErrorResume(ExecutionPoller::isTransient, (ex) -> {
				logger.warn("Polling execution " + id + " failed (" + ErrorText.describe(ex)
						+ "); polling goes on");
				return Mono.just(new Poll(last.execution(), last.number() + 1, retryAfter(ex)));
			});
	}

	private static void logPoll(ServiceExecution execution, int number) {
		if (logger.isDebugEnabled()) {
			logger.debug("Poll " + number + " of execution " + execution.id() + ": " + execution.status());
		}
	}

	static boolean isTransient(Throwable ex) {
		if (ex instanceof HubTransportException) {
			return true;
		}
		return ex instanceof HubApiException api && (api.statusCode() == 429 || api.isServerError());
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
