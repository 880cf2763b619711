package io.qhub.service.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.core.Backoff;
import org.jspecify.annotations.Nullable;

/**
 * The learned polling schedule of one client, which its waits ({@link ExecutionPoller})
 * and every caller that polls by itself (an execution handle's {@code refresh} and
 * {@code nextPollDelay}, and so the execution tracker) consult. What it learns from is
 * what the client has seen of its service's executions: when each execution it started
 * was submitted and, for the executions it saw finish, how long after their submission a
 * poll still saw one running ({@code notBefore}: the latest of the last {@value #WINDOW}
 * such polls) and how long after a poll saw one final ({@code finishedBy}: the earliest
 * of the last {@value #WINDOW}). Similar executions agree: the next one is first polled
 * halfway between the two while they are apart (closing in on the end), then at
 * {@code finishedBy}; once {@value #WINDOW} executions in a row were seen final by their
 * first poll, one is polled a little earlier, to notice executions getting shorter. An
 * observation that contradicts what was seen (a service whose executions got longer or
 * shorter) replaces it, so the estimate follows changing durations at once. Bounded in
 * memory: two windows and at most {@value #MAX_SUBMISSIONS} submission times (the oldest
 * are forgotten). Thread-safe.
 */
public final class LearnedSchedule {

	/** How many observations each bound is made of. */
	static final int WINDOW = 8;

	/** How many submission times are kept at most. */
	static final int MAX_SUBMISSIONS = 65_536;

	private final Map<String, Instant> submissions = new LinkedHashMap<>(256, 0.75f, false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > MAX_SUBMISSIONS;
		}

	};

	private final Window stillRunning = new Window();

	private final Window seenFinal = new Window();

	private int settled;

	/**
	 * Records when an execution was submitted (its start answer arrived).
	 * @param id the execution id
	 * @param at the instant
	 */
	public synchronized void submitted(String id, Instant at) {
		this.submissions.put(id, at);
	}

	/**
	 * When an execution was submitted, if this client submitted it and still remembers.
	 * @param id the execution id
	 * @return the instant, or {@code null}
	 */
	public synchronized @Nullable Instant submission(String id) {
		return this.submissions.get(id);
	}

	/**
	 * Records a finished execution: the last poll that saw it running was sent
	 * {@code stillRunning} after its submission (zero when only its submission did), the
	 * poll that saw it final {@code seenFinal} after; and forgets its submission.
	 * @param id the execution id
	 * @param stillRunning the offset of the last poll that saw it running
	 * @param seenFinal the offset of the poll that saw it final
	 */
	public synchronized void finished(String id, Duration stillRunning, Duration seenFinal) {
		this.submissions.remove(id);
		long low = stillRunning.toNanos();
		long high = seenFinal.toNanos();
		long tolerance = (this.seenFinal.isEmpty()) ? 0
				: Bounds.tolerance(Duration.ofNanos(this.seenFinal.min())).toNanos();
		boolean contradicts = !this.seenFinal.isEmpty()
				&& (high < this.stillRunning.max() - tolerance || (low > 0 && low > this.seenFinal.min() + tolerance));
		if (contradicts) {
			this.stillRunning.clear();
			this.seenFinal.clear();
		}
		if (low > 0) {
			this.stillRunning.add(low);
			this.settled = 0;
		}
		else {
			this.settled++;
		}
		this.seenFinal.add(high);
	}

	/**
	 * Forgets an execution's submission without learning from it (its wait ended
	 * otherwise).
	 * @param id the execution id
	 */
	public synchronized void forget(String id) {
		this.submissions.remove(id);
	}

	/**
	 * The estimate for the next wait: the latest offset at which a poll still saw an
	 * execution running, the earliest at which one saw an execution final, and whether
	 * this wait checks for shorter executions (one wait after every {@value #WINDOW}
	 * settled ones, however many run at once).
	 * @return the bounds, or {@code null} before any execution finished
	 */
	public synchronized @Nullable Bounds bounds() {
		if (this.seenFinal.isEmpty()) {
			return null;
		}
		boolean explore = this.settled >= WINDOW;
		if (explore) {
			this.settled = 0;
		}
		return new Bounds(Duration.ofNanos(this.stillRunning.max()), Duration.ofNanos(this.seenFinal.min()), explore);
	}

	/**
	 * The estimate without taking a turn at checking for shorter executions: for a caller
	 * that polls by itself and asks once per poll.
	 * @return the bounds (never exploring), or {@code null} before any execution finished
	 */
	public synchronized @Nullable Bounds peekBounds() {
		if (this.seenFinal.isEmpty()) {
			return null;
		}
		return new Bounds(Duration.ofNanos(this.stillRunning.max()), Duration.ofNanos(this.seenFinal.min()), false);
	}

	/**
	 * How long after its submission an execution of the service is expected to be final,
	 * from what was seen so far (the end the schedule polls for), without taking a turn
	 * at checking for shorter executions.
	 * @return the expected duration, or {@code null} before any execution finished
	 */
	public @Nullable Duration expectedDuration() {
		Bounds known = peekBounds();
		return (known != null) ? known.expectedFinal() : null;
	}

	/**
	 * The plan of one wait for an execution this client submitted (taking this wait's
	 * turn at checking for shorter executions), or {@code null} for one it did not
	 * submit.
	 * @param id the execution id
	 * @return the plan, or {@code null}
	 */
	public @Nullable Plan plan(String id) {
		Instant submitted = submission(id);
		return (submitted != null) ? new Plan(submitted, bounds()) : null;
	}

	/**
	 * The delay before the next poll of an execution polled one poll at a time by a
	 * caller of its own: the learned schedule when this client submitted the execution
	 * and has seen similar ones finish, else the fallback's delay before poll
	 * {@code polls + 1}.
	 * @param id the execution id
	 * @param polls the polls made so far, all of which saw it running
	 * @param now the current instant
	 * @param fallback the doubling schedule
	 * @return the delay, at most the fallback's {@code max}
	 */
	public Duration nextDelay(String id, int polls, Instant now, Backoff fallback) {
		Instant submitted = submission(id);
		Bounds known = (submitted != null) ? peekBounds() : null;
		if (submitted == null || known == null) {
			return fallback.computed(polls + 1);
		}
		Plan plan = new Plan(submitted, known);
		Duration delay = plan.delayAt(now, (polls == 0) ? null : plan.offset(now));
		return (delay.compareTo(fallback.max()) > 0) ? fallback.max() : delay;
	}

	/**
	 * What a poll made one at a time saw: an execution this client submitted was still
	 * running at one instant and final at a later one; teaches the schedule as the
	 * client's own waits do.
	 * @param id the execution id
	 * @param stillRunningAt when the last poll that saw it running was sent, {@code null}
	 * when only its submission did
	 * @param finalAt when the poll that saw it final was sent
	 */
	public void learnFinal(String id, @Nullable Instant stillRunningAt, Instant finalAt) {
		Instant submitted = submission(id);
		Instant running = (stillRunningAt != null) ? stillRunningAt : submitted;
		if (submitted != null && running != null && !finalAt.isBefore(running)) {
			Duration offset = Duration.between(submitted, running);
			finished(id, offset.isNegative() ? Duration.ZERO : offset, Duration.between(submitted, finalAt));
		}
	}

	/**
	 * A learned schedule for one execution: offsets from its submission.
	 *
	 * @param submitted when the execution was submitted
	 * @param bounds what the service's earlier executions showed, {@code null} before any
	 * finished
	 */
	public record Plan(Instant submitted, @Nullable Bounds bounds) {

		/**
		 * The offset of an instant from the submission.
		 * @param at the instant
		 * @return the offset
		 */
		public Duration offset(Instant at) {
			return Duration.between(this.submitted, at);
		}

		/**
		 * From {@code now} to the next poll after one sent at {@code after}; zero when
		 * that time has passed.
		 * @param now the current instant
		 * @param after the offset of the last poll, {@code null} before the first
		 * @return the delay
		 */
		public Duration delayAt(Instant now, @Nullable Duration after) {
			Duration delay = target(after).minus(offset(now));
			return delay.isNegative() ? Duration.ZERO : delay;
		}

		/**
		 * The offset of the next poll after one sent at {@code after}: the first poll;
		 * while still running before the expected end, halfway there (down to twice the
		 * tolerance, then the expected end); after it, steps growing with the lateness.
		 * @param after the offset from submission of the poll just sent, or {@code null}
		 * before the first poll
		 * @return the offset from submission at which to poll next
		 */
		Duration target(@Nullable Duration after) {
			Bounds known = Objects.requireNonNull(this.bounds);
			Duration first = known.firstPoll();
			if (after == null || after.compareTo(first) < 0) {
				return first;
			}
			Duration expected = known.expectedFinal();
			if (after.compareTo(expected) < 0) {
				Duration left = expected.minus(after);
				return (left.compareTo(known.tolerance().multipliedBy(2)) > 0) ? after.plus(left.dividedBy(2))
						: expected;
			}
			Duration late = after.minus(expected);
			return after.plus((late.compareTo(known.step()) > 0) ? late : known.step());
		}

	}

	/** The last {@value #WINDOW} offsets, in nanoseconds. */
	private static final class Window {

		private final long[] values = new long[WINDOW];

		private int size;

		private int next;

		void add(long value) {
			this.values[this.next] = value;
			this.next = (this.next + 1) % WINDOW;
			this.size = Math.min(this.size + 1, WINDOW);
		}

		void clear() {
			this.size = 0;
			this.next = 0;
		}

		boolean isEmpty() {
			return this.size == 0;
		}

		/**
		 * The largest value, 0 when empty.
		 * @return the largest offset kept, in nanoseconds, or 0 when none is
		 */
		long max() {
			long max = 0;
			for (int i = 0; i < this.size; i++) {
				max = Math.max(max, this.values[i]);
			}
			return max;
		}

		/**
		 * The smallest value, {@code Long.MAX_VALUE} when empty.
		 * @return the smallest offset kept, in nanoseconds, or {@code Long.MAX_VALUE}
		 * when none is
		 */
		long min() {
			long min = Long.MAX_VALUE;
			for (int i = 0; i < this.size; i++) {
				min = Math.min(min, this.values[i]);
			}
			return min;
		}

	}

	/**
	 * Where the end of an execution lies, as offsets from its submission.
	 *
	 * @param notBefore a poll sent this long after submission saw it still running
	 * @param finishedBy a poll sent this long after submission saw it final
	 * @param explore whether the next first poll checks for shorter executions
	 */
	public record Bounds(Duration notBefore, Duration finishedBy, boolean explore) {

		/**
		 * The gap under which bounds are taken as pinned, and by which an observation may
		 * stray before it contradicts them: 5 ms, or 2 % of {@code finishedBy}.
		 * @param finishedBy how long after submission a poll saw an execution final
		 * @return the tolerance, at least 5 ms
		 */
		static Duration tolerance(Duration finishedBy) {
			Duration relative = finishedBy.dividedBy(50);
			return (relative.compareTo(Duration.ofMillis(5)) > 0) ? relative : Duration.ofMillis(5);
		}

		Duration tolerance() {
			return tolerance(this.finishedBy);
		}

		/**
		 * When the next execution is expected to be final: {@code finishedBy}, or
		 * {@code notBefore} where the executions' jitter put that later.
		 * @return the offset from submission at which the next execution should be final
		 */
		Duration expectedFinal() {
			return (this.notBefore.compareTo(this.finishedBy) > 0) ? this.notBefore : this.finishedBy;
		}

		/**
		 * The offset of the first poll: halfway between the bounds while they are apart
		 * by more than the tolerance (so the estimate closes in on the end), else
		 * {@link #expectedFinal()}, or twice the tolerance before it when it is time to
		 * check for shorter executions.
		 * @return the offset from submission of the first poll
		 */
		Duration firstPoll() {
			Duration gap = this.finishedBy.minus(this.notBefore);
			if (gap.compareTo(tolerance()) > 0) {
				return this.notBefore.plus(gap.dividedBy(2));
			}
			Duration earlier = expectedFinal().minus(tolerance().multipliedBy(2));
			return (this.explore && !earlier.isNegative()) ? earlier : expectedFinal();
		}

		/**
		 * The first step after {@link #expectedFinal()} when an execution is still
		 * running then: a twentieth of it, at least twice the tolerance.
		 * @return the first step after the expected end
		 */
		Duration step() {
			Duration twentieth = this.finishedBy.dividedBy(20);
			Duration least = tolerance().multipliedBy(2);
			return (twentieth.compareTo(least) > 0) ? twentieth : least;
		}

	}

}
