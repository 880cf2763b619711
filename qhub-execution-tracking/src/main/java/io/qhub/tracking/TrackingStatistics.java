package io.qhub.tracking;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link HubExecutionTracker} has done since it started, by service: counters an
 * operator's metrics read (the Spring Boot starter binds them to Micrometer as
 * {@code qhub.tracking.*} meters). Thread-safe; reading never blocks the tracker.
 */
public final class TrackingStatistics {

	/** What is counted. */
	public enum Event {

		/** An execution claimed for a status poll. */
		CLAIM,

		/**
		 * A claim of an execution whose earlier claim ran out without a release (its
		 * holder died, stalled or was cut off from the store).
		 */
		LEASE_TAKEOVER,

		/** A completion handed to the listener, which returned. */
		DELIVERY,

		/**
		 * A completion handed to the listener again after an earlier listener threw on
		 * it.
		 */
		REDELIVERY,

		/** A status poll that failed or timed out (the execution stays tracked). */
		FAILED_POLL

	}

	private final Map<String, LongAdder[]> counts = new TreeMap<>();

	/**
	 * Counters for some services, all zero.
	 * @param services the service names
	 */
	TrackingStatistics(Set<String> services) {
		for (String service : services) {
			LongAdder[] events = new LongAdder[Event.values().length];
			for (int i = 0; i < events.length; i++) {
				events[i] = new LongAdder();
			}
			this.counts.put(service, events);
		}
	}

	/**
	 * Counts one event.
	 * @param service the service name (one of the tracker's)
	 * @param event the event
	 */
	void record(String service, Event event) {
		LongAdder[] events = this.counts.get(service);
		if (events != null) {
			events[event.ordinal()].increment();
		}
	}

	/**
	 * The services counted.
	 * @return the service names
	 */
	public Set<String> services() {
		return this.counts.keySet();
	}

	/**
	 * How many times an event happened for a service.
	 * @param service the service name
	 * @param event the event
	 * @return the count, {@code 0} for a service not tracked here
	 */
	public long count(String service, Event event) {
		LongAdder[] events = this.counts.get(service);
		return (events != null) ? events[event.ordinal()].sum() : 0;
	}

	@Override
	public String toString() {
		Map<String, Map<Event, Long>> snapshot = new TreeMap<>();
		this.counts.forEach((service, events) -> {
			Map<Event, Long> values = new EnumMap<>(Event.class);
			for (Event event : Event.values()) {
				values.put(event, events[event.ordinal()].sum());
			}
			snapshot.put(service, values);
		});
		return "TrackingStatistics" + snapshot;
	}

}
