package io.qhub.service.client;

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
 * Virtual time for tests: a {@link Clock} with a mutable instant and a {@link Sleeper}
 * whose {@code sleep(d)} advances that clock by {@code d}, records {@code d} and
 * completes at once. Given to a client as both {@code .clock(vt)} and
 * {@code .sleeper(vt)}, waits and deadlines run instantly yet deterministically.
 */
public final class VirtualTime extends Clock implements Sleeper {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	private final List<Duration> sleeps;

	public VirtualTime() {
		this(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC, new CopyOnWriteArrayList<>());
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

	/** Moves the clock forward without recording a sleep. */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/** Every sleep so far, in order. */
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
