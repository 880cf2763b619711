package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.TrackingStatistics;
import io.qhub.tracking.TrackingStatistics.Event;
import io.qhub.tracking.TrackingSummary;
import org.jspecify.annotations.Nullable;

/**
 * The {@code qhub.tracking.*} meters of a {@link HubExecutionTracker}, tagged
 * {@code service}: counters of what this instance did since it started (claims, lease
 * take-overs, deliveries, redeliveries, failed polls, read from
 * {@link HubExecutionTracker#statistics()}) and gauges of what the store holds for every
 * instance sharing it (executions tracked and due, from
 * {@link HubExecutionTracker#summary()}). The summary is one query on a database store,
 * so it is asked at most once a second and shared by every gauge of a scrape; a gauge is
 * NaN while the store cannot answer.
 */
public final class HubTrackingMeters implements MeterBinder {

	/** How long the gauges' summary is kept. */
	static final Duration SUMMARY_MAX_AGE = Duration.ofSeconds(1);

	private static final String SERVICE = "service";

	private final HubExecutionTracker tracker;

	private final TrackingSummaryCache summaries;

	/**
	 * The meters of a tracker.
	 * @param tracker the tracker
	 */
	public HubTrackingMeters(HubExecutionTracker tracker) {
		this(tracker, new TrackingSummaryCache(tracker::summary, SUMMARY_MAX_AGE, System::nanoTime));
	}

	/**
	 * The meters of a tracker, with the gauges read from a cache.
	 * @param tracker the tracker
	 * @param summaries the cache of its summary
	 */
	HubTrackingMeters(HubExecutionTracker tracker, TrackingSummaryCache summaries) {
		this.tracker = tracker;
		this.summaries = summaries;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		TrackingStatistics statistics = this.tracker.statistics();
		for (String service : statistics.services()) {
			counter(registry, statistics, service, "qhub.tracking.claims", Event.CLAIM, "claims",
					"Executions this instance claimed for a status poll");
			counter(registry, statistics, service, "qhub.tracking.lease.takeovers", Event.LEASE_TAKEOVER, "claims",
					"Claims by this instance of executions whose earlier claim ran out without a release");
			counter(registry, statistics, service, "qhub.tracking.deliveries", Event.DELIVERY, "deliveries",
					"Completions this instance handed to the listener, which returned");
			counter(registry, statistics, service, "qhub.tracking.redeliveries", Event.REDELIVERY, "deliveries",
					"Completions this instance handed to the listener again after a listener threw on them");
			counter(registry, statistics, service, "qhub.tracking.polls.failed", Event.FAILED_POLL, "polls",
					"Status polls of tracked executions by this instance that failed or timed out");
			gauge(registry, service, "qhub.tracking.tracked", TrackingSummary::tracked,
					"Executions tracked in the store, by every instance sharing it");
			gauge(registry, service, "qhub.tracking.due", TrackingSummary::due,
					"Executions in the store due for a status poll now: the backlog");
		}
	}

	private static void counter(MeterRegistry registry, TrackingStatistics statistics, String service, String name,
			Event event, String baseUnit, String description) {
		FunctionCounter.builder(name, statistics, (counts) -> counts.count(service, event))
			.tag(SERVICE, service)
			.baseUnit(baseUnit)
			.description(description)
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String service, String name,
			Function<TrackingSummary, Map<String, Long>> counts, String description) {
		Gauge.builder(name, this.summaries, (cache) -> value(cache.get(), counts, service))
			.strongReference(true)
			.tag(SERVICE, service)
			.baseUnit("executions")
			.description(description)
			.register(registry);
	}

	private static double value(@Nullable TrackingSummary summary, Function<TrackingSummary, Map<String, Long>> counts,
			String service) {
		return (summary != null) ? counts.apply(summary).getOrDefault(service, 0L) : Double.NaN;
	}

}
