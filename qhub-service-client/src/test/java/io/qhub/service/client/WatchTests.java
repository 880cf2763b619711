package io.qhub.service.client;

import io.qhub.service.core.PollingPolicy;
import java.time.Duration;
import java.util.Map;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.qhub.service.client.LifecycleFixtures.BASE;
import static io.qhub.service.client.LifecycleFixtures.RESULT_PATH;
import static io.qhub.service.client.LifecycleFixtures.STATUS_PATH;
import static io.qhub.service.client.LifecycleFixtures.count;
import static io.qhub.service.client.LifecycleFixtures.execution;
import static io.qhub.service.client.LifecycleFixtures.json;
import static io.qhub.service.client.LifecycleFixtures.result;
import static io.qhub.service.client.LifecycleFixtures.resultRequests;
import static io.qhub.service.client.LifecycleFixtures.sequence;
import static io.qhub.service.client.LifecycleFixtures.statusPolls;
import static io.qhub.service.client.LifecycleFixtures.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reactive core ({@code watch}, reactive result), cancel, logs, and the guard against
 * blocking in reactive code.
 */
class WatchTests extends AnonymousLifecycleTestSupport {

	@Test
	void watchEmitsEachStatusOnceInOrderThenCompletes() {
		sequence(wm, STATUS_PATH, json(execution("PENDING")), json(execution("RUNNING")), json(execution("RUNNING")),
				json(execution("SUCCEEDED")));

		StepVerifier
			.create(this.client.reactive()
				.getServiceExecution(LifecycleFixtures.ID)
				.flatMapMany(ReactiveHubServiceExecution::watch)
				.map(ServiceExecution::status))
			.expectNext(ServiceExecutionStatus.PENDING, ServiceExecutionStatus.RUNNING,
					ServiceExecutionStatus.SUCCEEDED)
			.verifyComplete();

		assertThat(count(wm, statusPolls())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void watchOfAFinalExecutionEmitsItAndCompletesWithoutPolling() {
		sequence(wm, STATUS_PATH, json(execution("FAILED")));

		StepVerifier
			.create(this.client.reactive()
				.getServiceExecution(LifecycleFixtures.ID)
				.flatMapMany(ReactiveHubServiceExecution::watch)
				.map(ServiceExecution::status))
			.expectNext(ServiceExecutionStatus.FAILED)
			.verifyComplete();

		assertThat(count(wm, statusPolls())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void watchFailsWithTheLastStateAtThePolicyTimeout() {
		sequence(wm, STATUS_PATH, json(execution("PENDING")), json(execution("RUNNING")));
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
		sequence(wm, STATUS_PATH, json(execution("RUNNING")), json(execution("SUCCEEDED")));
		sequence(wm, RESULT_PATH, json(result("out.json")));
		ReactiveHubServiceClient hub = this.client.reactive();

		StepVerifier.create(hub.run(Map.of("shots", 1)).flatMap(ReactiveHubServiceExecution::resultFiles))
			.assertNext((files) -> assertThat(files).containsExactly("out.json"))
			.verifyComplete();

		assertThat(count(wm, statusPolls())).isEqualTo(2);
		assertThat(count(wm, resultRequests())).isEqualTo(1);
	}

	@Test
	void cancelReturnsTheCancelledStateAndUpdatesStatus() {
		wm.stubFor(put(urlPathEqualTo(STATUS_PATH + "/cancel")).willReturn(json(execution("CANCELLED"))));
		HubServiceExecution execution = this.client.run(Map.of());
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);

		ServiceExecution cancelled = execution.cancel();

		assertThat(cancelled.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(count(wm, putRequestedFor(urlPathEqualTo(STATUS_PATH + "/cancel")))).isEqualTo(1);
		// known final now: no status call
		int before = total(wm);
		assertThat(execution.hasFinished()).isTrue();
		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
		assertThat(total(wm)).isEqualTo(before);
	}

	@Test
	void logsAreReturnedInOrder() {
		sequence(wm, STATUS_PATH + "/log", json("""
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
		sequence(wm, STATUS_PATH, json(execution("RUNNING")));
		HubServiceExecution execution = this.client.run(Map.of());
		int before = total(wm);

		assertThatIllegalStateException()
			.isThrownBy(() -> Mono.delay(Duration.ZERO).map((tick) -> execution.refresh()).block())
			.withMessageContaining("reactive()");

		assertThat(total(wm)).isEqualTo(before);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
	}

	@Test
	void blockingWaitOnANonBlockingThreadFailsFast() {
		HubServiceExecution execution = this.client.run(Map.of());

		assertThatIllegalStateException()
			.isThrownBy(() -> Mono.delay(Duration.ZERO).map((tick) -> execution.waitForFinalState()).block())
			.withMessageContaining("reactive()");
		assertThat(count(wm, statusPolls())).isZero();
	}

}
