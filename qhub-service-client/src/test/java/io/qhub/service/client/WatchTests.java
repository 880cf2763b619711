package io.qhub.service.client;

import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.PollingPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reactive core ({@code watch}, reactive result), cancel, logs, and the guard against
 * blocking in reactive code.
 */
class WatchTests extends AnonymousLifecycleTestSupport {

	@Test
	void watchEmitsEachStatusOnceInOrderThenCompletes() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("PENDING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));

		StepVerifier
			.create(this.client.reactive()
				.getServiceExecution(LifecycleFixtures.ID)
				.flatMapMany(ReactiveHubServiceExecution::watch)
				.map(ServiceExecution::status))
			.expectNext(ServiceExecutionStatus.PENDING, ServiceExecutionStatus.RUNNING,
					ServiceExecutionStatus.SUCCEEDED)
			.verifyComplete();

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void watchOfAFinalExecutionEmitsItAndCompletesWithoutPolling() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("FAILED")));

		StepVerifier
			.create(this.client.reactive()
				.getServiceExecution(LifecycleFixtures.ID)
				.flatMapMany(ReactiveHubServiceExecution::watch)
				.map(ServiceExecution::status))
			.expectNext(ServiceExecutionStatus.FAILED)
			.verifyComplete();

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void watchFailsWithTheLastStateAtThePolicyTimeout() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("PENDING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		try (HubServiceClient shortWait = LifecycleFixtures.anonymous(wm, this.vt)
			.polling(new PollingPolicy(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10)))
			.build()) {

			StepVerifier
				.create(shortWait.reactive()
					.getServiceExecution(LifecycleFixtures.ID)
					.flatMapMany(ReactiveHubServiceExecution::watch)
					.map(ServiceExecution::status))
				.expectNext(ServiceExecutionStatus.PENDING, ServiceExecutionStatus.RUNNING)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(ExecutionTimeoutException.class,
						(timeout) -> assertThat(timeout.lastExecution().status())
							.isEqualTo(ServiceExecutionStatus.RUNNING)))
				.verify();
		}
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofMillis(1500), Duration.ofSeconds(1));
	}

	@Test
	void reactiveResultWaitsThenFetches() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")),
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH,
				LifecycleFixtures.json(LifecycleFixtures.result("out.json")));
		ReactiveHubServiceClient hub = this.client.reactive();

		StepVerifier.create(hub.run(Map.of("shots", 1)).flatMap(ReactiveHubServiceExecution::resultFiles))
			.assertNext((files) -> assertThat(files).containsExactly("out.json"))
			.verifyComplete();

		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(2);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
	}

	@Test
	void cancelReturnsTheCancelledStateAndUpdatesStatus() {
		wm.stubFor(put(urlPathEqualTo(LifecycleFixtures.STATUS_PATH + "/cancel"))
			.willReturn(LifecycleFixtures.json(LifecycleFixtures.execution("CANCELLED"))));
		HubServiceExecution execution = this.client.run(Map.of());
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);

		ServiceExecution cancelled = execution.cancel();

		assertThat(cancelled.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(
				LifecycleFixtures.count(wm, putRequestedFor(urlPathEqualTo(LifecycleFixtures.STATUS_PATH + "/cancel"))))
			.isEqualTo(1);
		// known final now: no status call
		int before = LifecycleFixtures.total(wm);
		assertThat(execution.hasFinished()).isTrue();
		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(before);
	}

	@Test
	void logsAreReturnedInOrder() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH + "/log", LifecycleFixtures.json("""
				[ {"message":"Starting","severity":"INFO","timestamp":"2025-10-10T08:23:26.452335419Z"},
				  {"message":"Almost there","severity":"WARNING","timestamp":"2025-10-10T08:23:27Z"},
				  {"message":"Done","severity":"DEBUG","timestamp":"2025-10-10T08:23:28Z"} ]"""));
		HubServiceExecution execution = this.client.run(Map.of());

		assertThat(execution.logs()).extracting(LogEntry::message).containsExactly("Starting", "Almost there", "Done");
		assertThat(execution.logs()).extracting(LogEntry::severity)
			.containsExactly(LogEntrySeverity.INFO, LogEntrySeverity.WARNING, LogEntrySeverity.DEBUG);
	}

	@Test
	void blockingCallOnANonBlockingThreadFailsFastWithoutACall() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());
		int before = LifecycleFixtures.total(wm);

		assertThatIllegalStateException()
			.isThrownBy(() -> Mono.delay(Duration.ZERO).map((tick) -> execution.refresh()).block())
			.withMessageContaining("reactive()");

		assertThat(LifecycleFixtures.total(wm)).isEqualTo(before);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
	}

	@Test
	void blockingWaitOnANonBlockingThreadFailsFast() {
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatIllegalStateException()
			.isThrownBy(() -> Mono.delay(Duration.ZERO).map((tick) -> execution.waitForFinalState()).block())
			.withMessageContaining("reactive()");
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isZero();
	}

}
