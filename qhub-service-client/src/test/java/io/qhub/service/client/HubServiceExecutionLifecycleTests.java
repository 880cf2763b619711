package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Status paths of {@link HubServiceExecution#waitForFinalState()}: final states, the
 * documented polling schedule under virtual time, timeouts, the {@code wait} cap and how
 * poll failures are treated.
 */
class HubServiceExecutionLifecycleTests extends AnonymousLifecycleTestSupport {

	@Test
	void pendingRunningSucceeded() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of("shots", 100));
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
		assertThat(execution.startedAt()).isNull();

		ServiceExecution last = execution.waitForFinalState();

		assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:39:08Z"));
		assertThat(execution.endedAt()).isEqualTo(Instant.parse("2022-01-01T22:40:08Z"));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void pendingRunningFailed() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("FAILED")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.FAILED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.FAILED);
		assertThat(execution.endedAt()).isEqualTo(Instant.parse("2022-01-01T22:40:08Z"));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
	}

	@Test
	void pendingRunningCancelled() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("CANCELLED")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:39:08Z"));
		assertThat(execution.endedAt()).isEqualTo(Instant.parse("2022-01-01T22:40:08Z"));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(3);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void waitOnKnownFinalExecutionMakesNoCall() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.getServiceExecution(LifecycleFixtures.ID);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void stuckExecutionTimesOutOnTheDocumentedSchedule() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());
		Instant start = this.vt.instant();

		ExecutionTimeoutException ex = catchThrowableOfType(ExecutionTimeoutException.class,
				() -> execution.waitForFinalState(Duration.ofSeconds(10)));

		assertThat(ex).isNotNull();
		assertThat(ex.lastExecution().status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(ex.lastExecution().id()).isEqualTo(LifecycleFixtures.ID);
		assertThat(ex.timeout()).isEqualTo(Duration.ofSeconds(10));
		// 0.5 s, 1 s, 2 s, 4 s (= 7.5 s), then the 5 s cap is cut so the last poll starts
		// 1 s before the deadline
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofMillis(1500), Duration.ofSeconds(1));
		assertThat(Duration.between(start, this.vt.instant())).isEqualTo(Duration.ofSeconds(10));
		// one poll after each sleep but the last, which waits for the deadline
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(5);
	}

	@Test
	void longerWaitPollsAtTheCapAfterTheRampUp() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatExceptionOfType(ExecutionTimeoutException.class)
			.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(20)));

		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5),
				Duration.ofMillis(1500), Duration.ofSeconds(1));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(7);
	}

	@Test
	void timeoutKeepsTheLastStateSeenOnTheExecution() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatExceptionOfType(ExecutionTimeoutException.class)
			.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(3)));

		// the wait saw RUNNING, so status() must not still say PENDING
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:39:08Z"));
	}

	@Test
	void waitCapsEveryDelay() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatExceptionOfType(ExecutionTimeoutException.class)
			.isThrownBy(() -> execution.waitForFinalState(Duration.ofSeconds(10), Duration.ofSeconds(2)));

		// the last poll starts 1 s before the deadline, then the wait ends at the
		// deadline
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500),
				Duration.ofSeconds(1));
		assertThat(this.vt.sleeps())
			.allSatisfy((sleep) -> assertThat(sleep).isLessThanOrEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void waitBelowTheInitialIntervalAlsoCapsTheFirstDelay() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of());

		ServiceExecution last = execution.waitForFinalState(Duration.ofSeconds(10), Duration.ofMillis(200));

		assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200),
				Duration.ofMillis(200));
	}

	@Test
	void serverErrorDuringPollingDoesNotEndTheWait() {
		// 500 is not retried by the transport, so the poller itself sees it
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				aResponse().withStatus(500).withBody("boom"),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(3);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void persistent503DuringPollingKeepsToThePollScheduleWithoutTransportRetriesUnderneath() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")), aResponse().withStatus(503),
				aResponse().withStatus(503), aResponse().withStatus(503), aResponse().withStatus(503),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

		// each poll is one request; the four 503s are four polls on the usual schedule,
		// then the fifth succeeds
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5));
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(6);
	}

	@Test
	void transient503WithRetryAfterIsHonouredByThePoller() {
		try (HubServiceClient noTransportRetry = LifecycleFixtures.anonymous(wm, this.vt)
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
					LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
					aResponse().withStatus(503).withHeader("Retry-After", "3"),
					LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
			HubServiceExecution execution = noTransportRetry.run(Map.of());

			assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);

			assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
					Duration.ofSeconds(3));
			assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(3);
		}
	}

	@Test
	void notFoundDuringPollingEndsTheWait() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				aResponse().withStatus(404).withBody("gone"));
		HubServiceExecution execution = this.client.run(Map.of());

		HubApiException ex = catchThrowableOfType(HubApiException.class, execution::waitForFinalState);

		assertThat(ex).isNotNull();
		assertThat(ex.statusCode()).isEqualTo(404);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void hasFinishedOnAKnownFinalExecutionMakesNoCall() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.getServiceExecution(LifecycleFixtures.ID);
		int before = LifecycleFixtures.total(wm);

		assertThat(execution.hasFinished()).isTrue();
		assertThat(execution.hasFinished()).isTrue();

		assertThat(LifecycleFixtures.total(wm)).isEqualTo(before);
	}

	@Test
	void hasFinishedOnARunningExecutionMakesExactlyOneCall() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		HubServiceExecution execution = this.client.run(Map.of());
		int before = LifecycleFixtures.total(wm);

		assertThat(execution.hasFinished()).isFalse();
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(before + 1);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);

		assertThat(execution.hasFinished()).isTrue();
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(before + 2);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
	}

	@Test
	void deterministicTransportPolicyHasNoJitter() {
		assertThat(LifecycleFixtures.NO_JITTER.jitter()).isZero();
	}

}
