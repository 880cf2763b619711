package io.qhub.service.client.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.qhub.service.core.Sleeper;
import reactor.core.publisher.Mono;

/**
 * The one virtual-time fixture of the tests (the client's, the tracker's and the
 * integration tests', through the client's test jar): a {@link Clock} with a mutable
 * instant and a {@link Sleeper} whose {@code sleep(d)} advances that clock by {@code d},
 * records {@code d} and completes at once. Given to a client as both {@code .clock(vt)}
 * and {@code .sleeper(vt)}, waits and deadlines run instantly yet deterministically;
 * given as the sleeper only, it records the delays a client waits; given as the clock
 * only (to a gateway, a tracker), {@link #advance(Duration)} moves time.
 */
public final class VirtualTime extends Clock implements Sleeper {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	private final List<Duration> sleeps;

	/** Virtual time starting at 2026-01-01T00:00:00Z. */
	public VirtualTime() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * Virtual time starting at the given instant.
	 * @param start the first instant
	 */
	public VirtualTime(Instant start) {
		this(start, ZoneOffset.UTC, new CopyOnWriteArrayList<>());
	}

	private VirtualTime(Instant start, ZoneId zone, List<Duration> sleeps) {
		this.now = new AtomicReference<>(start);
		this.zone = zone;
		this.sleeps = sleeps;
	}

	@Override
	public Mono<Void> sleep(Duration duration) {
		return Mono.fromRunnable(() -> {
			this.sleeps.add(duration);
			advance(duration);
		});
	}

	/**
	 * Moves the clock forward without recording a sleep.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * Every sleep so far, in order.
	 * @return the sleeps
	 */
	public List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

	/** Forgets the recorded sleeps (the clock keeps its time). */
	public void clearSleeps() {
		this.sleeps.clear();
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
