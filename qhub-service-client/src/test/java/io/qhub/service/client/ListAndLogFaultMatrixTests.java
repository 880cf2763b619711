package io.qhub.service.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.qhub.service.client.fixtures.GatewayStack;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
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
 * The fault matrix of the listing and of followed logs, through the real stack (a
 * {@link LocalHubGateway} over loopback, the client's whole pipeline): an answer cut
 * midway or stalled midway is one clear, typed {@link HubTransportException} naming the
 * operation, never a hang and never a partial list passed off as whole. The class-wide
 * {@link Timeout} is only a hang guard; a stall ends by the client's read timeout (300 ms
 * here), in real time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListAndLogFaultMatrixTests {

	/** Enough for "on every attempt". */
	private static final int ALWAYS = 100;

	private static final Duration READ_TIMEOUT = Duration.ofMillis(300);

	private final VirtualTime vt = new VirtualTime();

	private final GatewayStack stack = new GatewayStack();

	@BeforeEach
	void start() {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(Duration.ZERO, Duration.ofSeconds(5))
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42))
				.withLogs(List.of(LogLine.info("start").at(Duration.ZERO), LogLine.info("done"))))
			.start();
		this.stack.gateway(started);
		this.stack.client(HubServiceClient.builder()
			.serviceEndpoint(started.serviceEndpoint())
			.clock(this.vt)
			.sleeper(this.vt)
			.readTimeout(READ_TIMEOUT)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.build());
	}

	@AfterEach
	void tearDown() {
		this.stack.close();
	}

	private void startExecutions(int count) {
		for (int i = 0; i < count; i++) {
			this.stack.client().run(Map.of("i", i));
		}
		this.stack.gateway().resetRecording();
	}

	// --- the list

	@Test
	void aListCutMidwayHandsOutWhatCameBeforeThenATransientTransportException() {
		startExecutions(20);
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_SERVICE_EXECUTIONS, 1));
		List<String> seen = new ArrayList<>();

		try (Stream<HubServiceExecution> listed = this.stack.client().streamServiceExecutions(ExecutionFilter.all())) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> listed.forEach((execution) -> seen.add(execution.id())))
				.withMessageContaining("GET /")
				.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT));
		}

		assertThat(seen).hasSizeBetween(1, 19);
		// sent once: elements were handed out, so the list is not sent again behind them
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
	}

	@Test
	void aListCutMidwayNewestFirstIsNoPartialList() {
		startExecutions(20);
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_SERVICE_EXECUTIONS, 1));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.stack.client().getServiceExecutions(ExecutionFilter.all().newestFirst(5)))
			.withMessageContaining("GET /");
	}

	@Test
	void aListStalledMidwayEndsByTheReadTimeout() {
		startExecutions(20);
		this.stack.gateway().inject(InjectedFault.stallMidResponse(GatewayOperation.GET_SERVICE_EXECUTIONS));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.stack.client().getServiceExecutions(ExecutionFilter.all()))
			.withMessageContaining("GET /")
			.withMessageContaining("Timeout")
			.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT));
	}

	@Test
	void aListNeverAnsweredEndsAfterTheTransportRetries() {
		startExecutions(3);
		for (int i = 0; i < 4; i++) {
			this.stack.gateway().inject(InjectedFault.stall(GatewayOperation.GET_SERVICE_EXECUTIONS));
		}

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(
				() -> this.stack.client().reactive().getServiceExecutions(ExecutionFilter.all()).collectList().block())
			.withMessageContaining("GET /");
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(4);
	}

	@Test
	void aListCutOnceBeforeAnyExecutionWasReadIsNotRetriedBehindTheCaller() {
		// honest about the limit: the retry covers the call until its headers; a body cut
		// after them ends the list, however early
		startExecutions(1);
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_SERVICE_EXECUTIONS, 1));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.stack.client().getServiceExecutions(ExecutionFilter.all()));
		assertThat(this.stack.client().getServiceExecutions(ExecutionFilter.all())).hasSize(1);
	}

	// --- the log

	@Test
	void aLogCutOnEveryAttemptEndsTheFollowWithATransientTransportException() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_LOGS, ALWAYS));

		try (Stream<LogEntry> log = execution.followLogs()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(log::toList)
				.withMessageContaining("GET /{id}/log")
				.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.TRANSIENT));
		}
		// the transport retry's 4 attempts, then no further read
		assertThat(this.stack.gateway().callCount(GatewayOperation.GET_LOGS)).isEqualTo(4);
	}

	@Test
	void aLogCutOnceIsRiddenOutByTheTransportRetry() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_LOGS, 1));

		try (Stream<LogEntry> log = execution.followLogs()) {
			assertThat(log.map(LogEntry::message)).containsExactly("start", "done");
		}
	}

	@Test
	void aLogStalledMidwayEndsTheFollowByTheReadTimeout() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		for (int i = 0; i < 4; i++) {
			this.stack.gateway().inject(InjectedFault.stallMidResponse(GatewayOperation.GET_LOGS));
		}

		try (Stream<LogEntry> log = execution.followLogs()) {
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(log::toList)
				.withMessageContaining("GET /{id}/log")
				.withMessageContaining("Timeout");
		}
	}

	@Test
	void aStatusPollCutDuringAFollowIsRiddenOutAsInAWait() {
		HubServiceExecution execution = this.stack.client().run(Map.of());
		this.stack.gateway().inject(InjectedFault.dropMidResponse(GatewayOperation.GET_STATUS, 1));

		try (Stream<LogEntry> log = execution.followLogs()) {
			assertThat(log.map(LogEntry::message)).containsExactly("start", "done");
		}
	}

}
