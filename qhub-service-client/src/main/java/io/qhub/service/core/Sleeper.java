package io.qhub.service.core;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Waits between retries and polls. The default delays on Reactor's parallel scheduler;
 * tests inject one that records the delays and returns at once, so retry and backoff
 * rules are checked without real waiting.
 */
@FunctionalInterface
public interface Sleeper {

	/** The default sleeper: {@code Mono.delay(duration)}. */
	Sleeper DEFAULT = (duration) -> Mono.delay(duration).then();

	/**
	 * A {@code Mono} that completes after the given delay.
	 * @param duration how long to wait
	 * @return completes when the wait is over
	 */
	Mono<Void> sleep(Duration duration);

}
