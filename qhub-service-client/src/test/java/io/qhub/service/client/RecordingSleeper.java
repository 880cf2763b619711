package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.qhub.service.core.Sleeper;
import reactor.core.publisher.Mono;

/**
 * A {@link Sleeper} for tests: records every requested delay and completes at once,
 * optionally telling a {@link MutableClock} that the time has passed.
 */
final class RecordingSleeper implements Sleeper {

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final Consumer<Duration> onSleep;

	RecordingSleeper() {
		this((duration) -> {
		});
	}

	RecordingSleeper(Consumer<Duration> onSleep) {
		this.onSleep = onSleep;
	}

	static RecordingSleeper advancing(MutableClock clock) {
		return new RecordingSleeper(clock::advance);
	}

	@Override
	public Mono<Void> sleep(Duration duration) {
		return Mono.fromRunnable(() -> {
			this.sleeps.add(duration);
			this.onSleep.accept(duration);
		});
	}

	List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

}
