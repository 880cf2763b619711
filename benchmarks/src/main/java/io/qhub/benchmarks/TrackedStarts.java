package io.qhub.benchmarks;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.tracking.HubExecutionTracker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts executions and tracks each as soon as it is started, as an application does, 64
 * starts in flight. A start that fails (a busy machine's gateway may close a connection
 * before answering a {@code POST}, which is not retried) is left out and counted, so one
 * lost start does not end a measurement; the first failure is printed to stderr.
 */
final class TrackedStarts {

	private TrackedStarts() {
	}

	/**
	 * Starts and tracks executions.
	 * @param hub the client
	 * @param tracker the tracker
	 * @param executions how many to start
	 * @param prefix the prefix of each execution's input {@code i}
	 * @return how many were started and tracked
	 */
	static int startAndTrack(ReactiveHubServiceClient hub, HubExecutionTracker tracker, int executions, String prefix) {
		AtomicBoolean reported = new AtomicBoolean();
		Long tracked = Flux.range(0, executions).flatMap((i) -> hub.run(Map.of("i", prefix + i)).onErrorResume((ex) -> {
			if (reported.compareAndSet(false, true)) {
				System.err.println("A start failed and is left out: " + ex);
			}
			return Mono.empty();
		}), 64).doOnNext(tracker::track).count().block();
		return Objects.requireNonNull(tracked, "count always emits").intValue();
	}

}
