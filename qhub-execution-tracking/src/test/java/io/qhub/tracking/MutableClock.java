package io.qhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} that tests move forward explicitly. Thread-safe. */
final class MutableClock extends Clock {

	private volatile Instant now;

	private final ZoneId zone;

	MutableClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	private MutableClock(Instant start, ZoneId zone) {
		this.now = start;
		this.zone = zone;
	}

	/** Moves the clock forward. */
	synchronized void advance(Duration amount) {
		this.now = this.now.plus(amount);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(this.now, zone);
	}

}
