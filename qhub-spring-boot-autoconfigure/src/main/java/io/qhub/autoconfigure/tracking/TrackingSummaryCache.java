package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.qhub.tracking.TrackingSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last {@link TrackingSummary} a store answered, asked again only once it is older
 * than a maximum age, so that the gauges of one scrape share one query and a store is
 * asked at most once per that age however often (or by however many registries) it is
 * scraped. A failure is kept as long as an answer: no summary (the gauges show NaN) until
 * the next query.
 */
final class TrackingSummaryCache {

	private static final Log logger = LogFactory.getLog(TrackingSummaryCache.class);

	private final Supplier<TrackingSummary> source;

	private final long maxAgeNanos;

	private final LongSupplier nanoTime;

	private @Nullable TrackingSummary summary;

	private long askedAt;

	private boolean asked;

	/**
	 * A cache of a source.
	 * @param source the query, e.g. {@code tracker::summary}
	 * @param maxAge how long an answer (or a failure) is kept
	 * @param nanoTime the monotonic time, {@code System::nanoTime} outside tests
	 */
	TrackingSummaryCache(Supplier<TrackingSummary> source, Duration maxAge, LongSupplier nanoTime) {
		this.source = source;
		this.maxAgeNanos = maxAge.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * The summary, asked from the source when the kept one is older than the maximum age
	 * (measured from when the last query returned, so a slow store is not asked twice for
	 * one scrape).
	 * @return the summary, or {@code null} when the source failed
	 */
	synchronized @Nullable TrackingSummary get() {
		if (!this.asked || this.nanoTime.getAsLong() - this.askedAt >= this.maxAgeNanos) {
			this.summary = ask();
			this.askedAt = this.nanoTime.getAsLong();
			this.asked = true;
		}
		return this.summary;
	}

	private @Nullable TrackingSummary ask() {
		try {
			return this.source.get();
		}
		catch (RuntimeException ex) {
			logger.debug("The tracking summary is not available; the qhub.tracking gauges show NaN", ex);
			return null;
		}
	}

}
