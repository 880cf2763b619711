package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.qhub.service.client.fixtures.GatewayStack;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTransportException;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Filtered listing ({@link ExecutionFilter}) against a {@link LocalHubGateway} over
 * loopback: four executions started a minute apart in virtual time, listed by status,
 * tags, creation time, newest first and with a limit, blocking ({@code List},
 * {@code Stream}) and reactive; and a list longer than {@code maxJsonBodySize}, which
 * applies per element.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutionListingTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final VirtualTime vt = new VirtualTime(T0);

	private final GatewayStack stack = new GatewayStack();

	private String succeeded = "";

	private String failed = "";

	private String cancelled = "";

	private String running = "";

	@BeforeEach
	void startFour() {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.clock(this.vt)
			.timing(Duration.ZERO, Duration.ofSeconds(10))
			.handler((request) -> Boolean.TRUE.equals(request.get("fail")) ? ServiceOutcome.failure("boom")
					: ServiceOutcome.success(Map.of("sum", 42)))
			.start();
		this.stack.gateway(started);
		HubServiceClient hub = client(started, Long.MAX_VALUE);
		this.stack.client(hub);
		this.succeeded = hub.run(Map.of(), RunOptions.none().withTags("a", "b")).id();
		this.vt.advance(Duration.ofMinutes(1));
		this.failed = hub.run(Map.of("fail", true), RunOptions.none().withTags("a")).id();
		this.vt.advance(Duration.ofMinutes(1));
		HubServiceExecution toCancel = hub.run(Map.of(), RunOptions.none().withTags("b", "a"));
		toCancel.cancel();
		this.cancelled = toCancel.id();
		this.vt.advance(Duration.ofMinutes(1));
		this.running = hub.run(Map.of()).id();
		this.vt.advance(Duration.ofSeconds(1));
	}

	private HubServiceClient client(LocalHubGateway gateway, long maxJsonBodySize) {
		HubServiceClientBuilder builder = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.clock(this.vt)
			.sleeper(this.vt)
			.transportRetry(LifecycleFixtures.NO_JITTER);
		return ((maxJsonBodySize != Long.MAX_VALUE) ? builder.maxJsonBodySize(maxJsonBodySize) : builder).build();
	}

	@AfterEach
	void tearDown() {
		this.stack.close();
	}

	private List<String> ids(ExecutionFilter filter) {
		return this.stack.client().getServiceExecutions(filter).stream().map(HubServiceExecution::id).toList();
	}

	@Test
	void allAsListedIsEveryExecutionInTheGatewaysOrderWithItsState() {
		List<HubServiceExecution> all = this.stack.client().getServiceExecutions(ExecutionFilter.all());

		assertThat(all).extracting(HubServiceExecution::id)
			.containsExactly(this.succeeded, this.failed, this.cancelled, this.running);
		assertThat(all).extracting(HubServiceExecution::status)
			.containsExactly(ServiceExecutionStatus.SUCCEEDED, ServiceExecutionStatus.FAILED,
					ServiceExecutionStatus.CANCELLED, ServiceExecutionStatus.RUNNING);
		assertThat(this.stack.client().getServiceExecutions()).extracting(HubServiceExecution::id)
			.containsExactly(this.succeeded, this.failed, this.cancelled, this.running);
	}

	@Test
	void byStatusIsAnyOfTheStatuses() {
		assertThat(ids(
				ExecutionFilter.all().withStatuses(ServiceExecutionStatus.FAILED, ServiceExecutionStatus.CANCELLED)))
			.containsExactly(this.failed, this.cancelled);
		assertThat(ids(ExecutionFilter.all().withStatuses(ServiceExecutionStatus.RUNNING)))
			.containsExactly(this.running);
	}

	@Test
	void byTagsIsAllOfTheTagsInAnyOrder() {
		assertThat(ids(ExecutionFilter.all().withTags("a", "b"))).containsExactly(this.succeeded, this.cancelled);
		assertThat(ids(ExecutionFilter.all().withTags("a"))).containsExactly(this.succeeded, this.failed,
				this.cancelled);
		assertThat(ids(ExecutionFilter.all().withTags("c"))).isEmpty();
	}

	@Test
	void byCreationTimeIsStrictlyAfterAndStrictlyBefore() {
		assertThat(ids(ExecutionFilter.all()
			.withCreatedAfter(T0.plusSeconds(30))
			.withCreatedBefore(T0.plus(Duration.ofMinutes(2)).plusSeconds(30))))
			.containsExactly(this.failed, this.cancelled);
		assertThat(ids(ExecutionFilter.all().withCreatedAfter(T0))).containsExactly(this.failed, this.cancelled,
				this.running);
		assertThat(ids(ExecutionFilter.all().withCreatedBefore(T0.plus(Duration.ofMinutes(1)))))
			.containsExactly(this.succeeded);
	}

	@Test
	void newestFirstWithALimitIsTheNewestMatchesNewestFirst() {
		assertThat(ids(ExecutionFilter.all().newestFirst(2))).containsExactly(this.running, this.cancelled);
		assertThat(ids(ExecutionFilter.all().withTags("a").newestFirst(2))).containsExactly(this.cancelled,
				this.failed);
		assertThat(ids(ExecutionFilter.all().withOrder(ExecutionFilter.Order.NEWEST_FIRST)))
			.containsExactly(this.running, this.cancelled, this.failed, this.succeeded);
	}

	@Test
	void asListedWithALimitStopsAfterTheLimit() {
		assertThat(ids(ExecutionFilter.all().withLimit(1))).containsExactly(this.succeeded);
		assertThat(ids(ExecutionFilter.all().withStatuses(ServiceExecutionStatus.CANCELLED).withLimit(5)))
			.containsExactly(this.cancelled);
	}

	@Test
	void blockingStreamAndReactiveFluxListTheSame() {
		ExecutionFilter failedOrCancelled = ExecutionFilter.all()
			.withStatuses(ServiceExecutionStatus.FAILED, ServiceExecutionStatus.CANCELLED)
			.newestFirst(10);
		try (Stream<HubServiceExecution> executions = this.stack.client().streamServiceExecutions(failedOrCancelled)) {
			assertThat(executions.map(HubServiceExecution::id)).containsExactly(this.cancelled, this.failed);
		}
		assertThat(this.stack.client()
			.reactive()
			.getServiceExecutions(failedOrCancelled)
			.map(ReactiveHubServiceExecution::id)
			.collectList()
			.block()).containsExactly(this.cancelled, this.failed);
	}

	@Test
	void aListLongerThanMaxJsonBodySizeIsReadBecauseTheLimitAppliesPerExecution() {
		LocalHubGateway gateway = this.stack.gateway();
		for (int i = 0; i < 100; i++) {
			this.stack.client().run(Map.of());
		}
		try (HubServiceClient small = client(gateway, 1024)) {
			// the whole list is over 1 KiB: read whole, it would fail
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> small.api().getServiceExecutions())
				.withMessageContaining("1 KiB");
			try (Stream<HubServiceExecution> all = small.streamServiceExecutions(ExecutionFilter.all())) {
				assertThat(all.count()).isEqualTo(104);
			}
		}
	}

	@Test
	void closingAStreamEarlyReleasesItsConnection() {
		LocalHubGateway gateway = this.stack.gateway();
		for (int i = 0; i < 2000; i++) {
			this.stack.client().run(Map.of());
		}
		// one connection: a stream that kept it would leave the next call waiting for it
		try (HubServiceClient single = HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.maxConnections(1)
			.callTimeout(Duration.ofSeconds(5))
			.build()) {
			try (Stream<HubServiceExecution> all = single.streamServiceExecutions(ExecutionFilter.all())) {
				assertThat(all.findFirst()).isPresent();
			}
			assertThat(single.getServiceExecutions(ExecutionFilter.all().withLimit(2))).hasSize(2);
			assertThat(single.getServiceExecution(this.running).id()).isEqualTo(this.running);
		}
	}

	@Test
	void anExecutionOverMaxJsonBodySizeFailsNamingThePerElementLimit() {
		LocalHubGateway gateway = this.stack.gateway();
		// checked as the answer's chunks (up to 64 KiB) arrive: an element still
		// incomplete
		// after more than the limit fails
		String big = "x".repeat(200_000);
		gateway.inject(InjectedFault.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 200, "application/json",
				"[{\"id\":\"1\",\"status\":\"RUNNING\"},{\"id\":\"2\",\"status\":\"RUNNING\",\"tags\":[\"" + big
						+ "\"]}]"));
		try (HubServiceClient small = client(gateway, 1024)) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(() -> small.getServiceExecutions(ExecutionFilter.all()))
				.withMessageContaining("GET /")
				.withMessageContaining("per element")
				.withMessageNotContaining(big)
				.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT));
		}
	}

	@Test
	void anAnswerThatIsNotAJsonArrayOfExecutionsFailsWithoutQuotingIt() {
		this.stack.gateway()
			.inject(InjectedFault.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 200, "application/json",
					"[{\"id\":\"1\",\"status\":\"RUNNING\"}, {\"id\": \"secret-ish\" oops]"));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.stack.client().getServiceExecutions(ExecutionFilter.all()))
			.withMessageContaining("not the expected JSON array")
			.withMessageNotContaining("secret-ish")
			.satisfies((ex) -> assertThat(ex.failureKind()).isEqualTo(FailureKind.PERMANENT));
	}

	@Test
	void anObjectAnsweredWith200InsteadOfAListFailsRatherThanListingNothing() {
		this.stack.gateway()
			.inject(InjectedFault.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 200, "application/json",
					"  {\"error\":\"quota exceeded\"}"));

		assertThatExceptionOfType(HubTransportException.class)
			.isThrownBy(() -> this.stack.client().getServiceExecutions(ExecutionFilter.all()))
			.withMessageContaining("not the expected JSON array")
			.withMessageNotContaining("quota");
	}

	@Test
	void aFilterRejectsALimitBelowOneAndAnEmptyTimeRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExecutionFilter.all().withLimit(0))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ExecutionFilter.all().withCreatedAfter(T0).withCreatedBefore(T0))
			.withMessageContaining("createdAfter");
	}

}
