package io.qhub.test.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One execution held by the local gateway. Its status follows from the time since it was
 * created: PENDING for the pending duration, RUNNING for the run duration, then SUCCEEDED
 * or FAILED as its outcome says; a cancel before that makes it CANCELLED for good.
 */
final class GatewayExecution {

	/** The spec's timestamp format ({@code 2022-01-01 22:38:08}), in UTC. */
	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final String id;

	private final Instant createdAt;

	private final Instant startsAt;

	private final Instant endsAt;

	private final ServiceOutcome outcome;

	private final List<?> tags;

	private volatile @Nullable Instant cancelledAt;

	GatewayExecution(String id, Instant createdAt, Duration pending, Duration run, ServiceOutcome outcome,
			List<?> tags) {
		this.id = id;
		this.createdAt = createdAt;
		this.startsAt = createdAt.plus(pending);
		this.endsAt = this.startsAt.plus(run);
		this.outcome = outcome;
		this.tags = List.copyOf(tags);
	}

	String id() {
		return this.id;
	}

	Instant startsAt() {
		return this.startsAt;
	}

	/**
	 * When the execution ends (or ended): its cancellation, else the end of its run.
	 * @return the end
	 */
	Instant endedAt() {
		Instant cancelled = this.cancelledAt;
		return (cancelled != null) ? cancelled : this.endsAt;
	}

	ServiceOutcome outcome() {
		return this.outcome;
	}

	String status(Instant now) {
		Instant cancelled = this.cancelledAt;
		if (cancelled != null) {
			return "CANCELLED";
		}
		if (now.isBefore(this.startsAt)) {
			return "PENDING";
		}
		if (now.isBefore(this.endsAt)) {
			return "RUNNING";
		}
		return this.outcome.succeeded() ? "SUCCEEDED" : "FAILED";
	}

	boolean isFinal(Instant now) {
		String status = status(now);
		return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
	}

	synchronized void cancel(Instant now) {
		if (!isFinal(now)) {
			this.cancelledAt = now;
		}
	}

	Map<String, Object> toJson(Instant now) {
		Map<String, Object> json = new LinkedHashMap<>();
		String status = status(now);
		json.put("id", this.id);
		json.put("status", status);
		json.put("type", "MANAGED");
		json.put("createdAt", TIMESTAMP.format(this.createdAt));
		Instant cancelled = this.cancelledAt;
		if (!status.equals("PENDING") && (cancelled == null || cancelled.isAfter(this.startsAt))) {
			json.put("startedAt", TIMESTAMP.format(this.startsAt));
		}
		if (cancelled != null) {
			json.put("endedAt", TIMESTAMP.format(cancelled));
		}
		else if (isFinal(now)) {
			json.put("endedAt", TIMESTAMP.format(this.endsAt));
		}
		if (!this.tags.isEmpty()) {
			json.put("tags", this.tags);
		}
		return json;
	}

}
