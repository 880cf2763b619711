package io.qhub.service.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.internal.CallBudget;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learned polling schedule under virtual time, against executions that end a fixed
 * time after their submission: the first executions follow the doubling schedule, later
 * ones are seen final within the tolerance of their end with one poll each, changing
 * durations are followed, {@code maxInterval} and {@code Retry-After} still rule, and
 * without learning (or for an execution this client did not start) the doubling schedule
 * stays.
 */
class LearnedPollingTests {

	private final VirtualTime time = new VirtualTime();

	private LearnedSchedule times = new LearnedSchedule();

	private final Map<String, Instant> ends = new ConcurrentHashMap<>();

	private final AtomicInteger polls = new AtomicInteger();

	private final AtomicInteger nextId = new AtomicInteger();

	private volatile Duration retryAfterOnce;

	private ExecutionPoller poller = new ExecutionPoller(this::status, this.times, this.time, this.time);

	/** Starts over with a client that has seen nothing. */
	private void forgetEverything() {
		this.times = new LearnedSchedule();
		this.poller = new ExecutionPoller(this::status, this.times, this.time, this.time);
	}

	private Mono<ServiceExecution> status(String id, CallBudget budget) {
		return Mono.fromCallable(() -> {
			this.polls.incrementAndGet();
			Duration retryAfter = this.retryAfterOnce;
			if (retryAfter != null) {
				this.retryAfterOnce = null;
				throw new HubApiException("GET /{id}", 503, "{}", retryAfter, FailureKind.TRANSIENT);
			}
			boolean done = !this.time.instant().isBefore(this.ends.get(id));
			return execution(id, done ? ServiceExecutionStatus.SUCCEEDED : ServiceExecutionStatus.RUNNING);
		});
	}

	/**
	 * Submits one execution of the given length and waits for it; returns the polls it
	 * took and the delay.
	 */
	private Waited runAndWait(Duration length, PollingPolicy policy, boolean submittedHere) {
		String id = "e" + this.nextId.incrementAndGet();
		Instant submitted = this.time.instant();
		this.ends.put(id, submitted.plus(length));
		if (submittedHere) {
			this.times.submitted(id, submitted);
		}
		this.polls.set(0);
		this.time.clearSleeps();
		ServiceExecution last = this.poller.poll(execution(id, ServiceExecutionStatus.PENDING), policy)
			.last()
			.block(Duration.ofSeconds(5));
		assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		return new Waited(this.polls.get(), Duration.between(submitted.plus(length), this.time.instant()));
	}

	@Test
	void aBatchOfSimilarExecutionsIsSeenFinalRightAfterItsEndWithAboutOnePollEach() {
		Waited first = runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
		assertThat(first.polls()).isEqualTo(1);
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500));
		int learningPolls = 0;
		for (int i = 0; i < 10; i++) {
			learningPolls += runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true).polls();
		}
		assertThat(learningPolls).isLessThanOrEqualTo(20);
		int steadyPolls = 0;
		for (int i = 0; i < 40; i++) {
			Waited waited = runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
			steadyPolls += waited.polls();
			assertThat(waited.delay()).isLessThanOrEqualTo(Duration.ofMillis(5));
		}
		// one poll each; after every 8 an earlier probe checks whether the executions got
		// shorter
		assertThat(steadyPolls).isLessThanOrEqualTo(45);
	}

	@Test
	void longExecutionsAreSeenWithinATenthOfTheirLengthWithNoMorePollsThanTheDoublingSchedule() {
		for (Duration length : new Duration[] { Duration.ofSeconds(1), Duration.ofSeconds(10),
				Duration.ofSeconds(60) }) {
			forgetEverything();
			for (int i = 0; i < 4; i++) {
				runAndWait(length, PollingPolicy.DEFAULT, true);
			}
			Duration tenth = length.dividedBy(10);
			Duration allowed = (tenth.compareTo(Duration.ofMillis(300)) > 0) ? tenth : Duration.ofMillis(300);
			for (int i = 0; i < 5; i++) {
				Waited waited = runAndWait(length, PollingPolicy.DEFAULT, true);
				assertThat(waited.delay()).as("delay for %s", length).isLessThanOrEqualTo(allowed);
				assertThat(waited.polls()).as("polls for %s", length)
					.isLessThanOrEqualTo(doublingPolls(PollingPolicy.DEFAULT, length));
			}
		}
	}

	@Test
	void changingDurationsAreFollowed() {
		for (int i = 0; i < 12; i++) {
			runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
		}
		Waited longer = runAndWait(Duration.ofSeconds(2), PollingPolicy.DEFAULT, true);
		assertThat(longer.delay()).as("no later than the doubling schedule (0.5, 1.5, 3.5 s)")
			.isLessThanOrEqualTo(Duration.ofMillis(1500));
		for (int i = 0; i < 8; i++) {
			runAndWait(Duration.ofSeconds(2), PollingPolicy.DEFAULT, true);
		}
		Waited settled = runAndWait(Duration.ofSeconds(2), PollingPolicy.DEFAULT, true);
		assertThat(settled.polls()).isEqualTo(1);
		assertThat(settled.delay()).isLessThanOrEqualTo(Duration.ofMillis(40));
		Waited shorter = runAndWait(Duration.ofMillis(300), PollingPolicy.DEFAULT, true);
		assertThat(shorter.delay()).as("a shorter execution is seen final by the old length")
			.isLessThanOrEqualTo(Duration.ofMillis(1750));
		for (int i = 0; i < 30; i++) {
			runAndWait(Duration.ofMillis(300), PollingPolicy.DEFAULT, true);
		}
		assertThat(runAndWait(Duration.ofMillis(300), PollingPolicy.DEFAULT, true).delay())
			.as("executions that got shorter are followed")
			.isLessThanOrEqualTo(Duration.ofMillis(20));
	}

	@Test
	void maxIntervalCapsEveryLearnedDelay() {
		for (int i = 0; i < 6; i++) {
			runAndWait(Duration.ofSeconds(30), PollingPolicy.DEFAULT, true);
		}
		runAndWait(Duration.ofSeconds(30), PollingPolicy.DEFAULT, true);
		assertThat(this.time.sleeps()).isNotEmpty()
			.allSatisfy((sleep) -> assertThat(sleep).isLessThanOrEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void retryAfterComesFirst() {
		for (int i = 0; i < 10; i++) {
			runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
		}
		this.retryAfterOnce = Duration.ofMillis(1500);
		runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
		assertThat(this.time.sleeps()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.time.sleeps().get(1)).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void withoutLearningTheDoublingScheduleStays() {
		PollingPolicy doubling = PollingPolicy.DEFAULT.withLearning(false);
		for (int i = 0; i < 10; i++) {
			runAndWait(Duration.ofMillis(200), doubling, true);
		}
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500));
		assertThat(this.times.bounds()).isNull();
	}

	@Test
	void anExecutionThisClientDidNotStartKeepsTheDoublingSchedule() {
		for (int i = 0; i < 10; i++) {
			runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, true);
		}
		runAndWait(Duration.ofMillis(200), PollingPolicy.DEFAULT, false);
		assertThat(this.time.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void memoryIsBounded() {
		for (int i = 0; i < LearnedSchedule.MAX_SUBMISSIONS + 10; i++) {
			this.times.submitted("s" + i, Instant.EPOCH);
		}
		assertThat(this.times.submission("s0")).isNull();
		assertThat(this.times.submission("s" + (LearnedSchedule.MAX_SUBMISSIONS + 9))).isEqualTo(Instant.EPOCH);
		for (int i = 0; i < 100; i++) {
			this.times.finished("s" + i, Duration.ofMillis(100), Duration.ofMillis(200 + i));
		}
		assertThat(this.times.bounds().finishedBy()).as("only the last %d count", LearnedSchedule.WINDOW)
			.isEqualTo(Duration.ofMillis(292));
	}

	private static int doublingPolls(PollingPolicy policy, Duration length) {
		Duration elapsed = Duration.ZERO;
		int poll = 0;
		while (elapsed.compareTo(length) < 0) {
			poll++;
			elapsed = elapsed.plus(policy.delayBefore(poll));
		}
		return poll;
	}

	private static ServiceExecution execution(String id, ServiceExecutionStatus status) {
		return new ServiceExecution(id, status, null, null, null, null, null, null, null, java.util.List.of());
	}

	private record Waited(int polls, Duration delay) {
	}

}
