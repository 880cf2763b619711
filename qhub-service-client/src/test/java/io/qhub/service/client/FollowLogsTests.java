package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.qhub.service.client.fixtures.GatewayStack;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LogLine;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Followed logs against a {@link LocalHubGateway} over loopback, whose service writes log
 * lines while it runs (two equal ones with one timestamp) and one when it ends, and
 * answers the whole log to every read: each entry once, in order, until the final state;
 * one log read per status poll on the client's schedule.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FollowLogsTests {

	private static final List<String> WRITTEN = List.of("start", "tick", "tick", "half", "Execution succeeded");

	private final VirtualTime vt = new VirtualTime();

	private final GatewayStack stack = new GatewayStack();

	@BeforeEach
	void start() {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(Duration.ZERO, Duration.ofSeconds(5))
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42))
				.withLogs(List.of(LogLine.info("start").at(Duration.ZERO),
						LogLine.info("tick").at(Duration.ofSeconds(2)), LogLine.info("tick").at(Duration.ofSeconds(2)),
						LogLine.info("half").at(Duration.ofSeconds(3)), LogLine.info("Execution succeeded"))))
			.start();
		this.stack.gateway(started);
		this.stack.client(HubServiceClient.builder()
			.serviceEndpoint(started.serviceEndpoint())
			.clock(this.vt)
			.sleeper(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.build());
	}

	@AfterEach
	void tearDown() {
		this.stack.close();
	}

	@Test
	void blockingFollowHandsOutEachEntryOnceInOrderUntilTheFinalState() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().resetRecording();

		List<String> messages;
		try (Stream<LogEntry> log = execution.followLogs()) {
			messages = log.map(LogEntry::message).toList();
		}

		assertThat(messages).isEqualTo(WRITTEN);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		// one read now, then one per status poll: the last after the final state
		long polls = this.stack.gateway().callCount(GatewayOperation.GET_STATUS);
		assertThat(polls).isBetween(2L, 6L);
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_LOGS)).isEqualTo(polls + 1);
		// the log was read while it grew, not only at the end
		assertThat(this.vt.sleeps()).isNotEmpty();
	}

	@Test
	void reactiveFollowEmitsTheSameEntries() {
		ReactiveHubServiceExecution execution = this.stack.client().reactive().run(Map.of()).block();
		assertThat(execution).isNotNull();

		assertThat(execution.followLogs().map(LogEntry::message).collectList().block()).isEqualTo(WRITTEN);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
	}

	@Test
	void followingAnExecutionKnownFinalReadsItsLogOnce() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		execution.waitForFinalState();
		this.stack.gateway().resetRecording();

		try (Stream<LogEntry> log = execution.followLogs()) {
			assertThat(log.map(LogEntry::message)).isEqualTo(WRITTEN);
		}
		assertThat(this.stack.gateway().callCounts()).containsEntry(GatewayOperation.GET_LOGS, 1L)
			.containsEntry(GatewayOperation.GET_STATUS, 0L);
	}

	@Test
	void aFollowLongerThanItsTimeoutEndsWithExecutionTimeoutException() {
		HubServiceExecution execution = this.stack.client().run(Map.of());

		try (Stream<LogEntry> log = execution.followLogs(Duration.ofSeconds(2))) {
			assertThatExceptionOfType(ExecutionTimeoutException.class).isThrownBy(log::toList);
		}
	}

}
