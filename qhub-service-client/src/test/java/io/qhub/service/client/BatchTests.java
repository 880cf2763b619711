package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ServiceHandler;
import io.qhub.test.gateway.ServiceOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runAll} through the real stack against the local gateway (executions of 50 ms of
 * real time, so the batch's own schedule runs as it does in production): one outcome per
 * request in the requests' order, never more executions at once than the parallelism,
 * progress as events, retries of the unsuccessful items, cancellation of the rest after a
 * failure, and starts whose answers the gateway cuts or stalls, found by their submission
 * keys, never started twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchTests {

	private static final Duration RUN = Duration.ofMillis(50);

	private @Nullable LocalHubGateway gateway;

	private @Nullable HubServiceClient client;

	@AfterEach
	void tearDown() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	@Test
	void everyRequestHasItsOutcomeInTheRequestsOrderWithAtMostParallelismAtOnce() {
		HubServiceClient client = start(RUN, echo());
		List<BatchEvent<ResultResponse>> events = new CopyOnWriteArrayList<>();

		BatchResult<ResultResponse> batch = client.runAll(requests(20), BatchOptions.parallelism(4),
				HubServiceExecution::result, events::add);

		assertThat(batch.allSucceeded()).isTrue();
		assertThat(batch.outcomes()).hasSize(20);
		for (int i = 0; i < 20; i++) {
			BatchOutcome<ResultResponse> outcome = batch.outcomes().get(i);
			assertThat(outcome.index()).isEqualTo(i);
			assertThat(outcome.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			assertThat(outcome.value()).isNotNull();
			assertThat(outcome.value().properties()).containsEntry("i", i);
			assertThat(outcome.attempts()).isEqualTo(1);
		}
		assertThat(gateway().callCount(GatewayOperation.START_EXECUTION)).isEqualTo(20);
		assertThat(gateway().executionCount()).isEqualTo(20);
		assertThat(events).filteredOn((event) -> event.kind() == BatchEvent.Kind.SUBMITTED).hasSize(20);
		assertThat(events).filteredOn((event) -> event.kind() == BatchEvent.Kind.FINISHED).hasSize(20);
		assertThat(events).allSatisfy((event) -> assertThat(event.progress().running()).isBetween(0, 4));
		assertThat(events).extracting((event) -> event.progress().running()).contains(4);
		BatchProgress last = events.get(events.size() - 1).progress();
		assertThat(last).isEqualTo(new BatchProgress(20, 20, 0, 20, 20));
	}

	@Test
	void theReactiveBatchReportsTheSameOutcomes() {
		HubServiceClient client = start(RUN, echo());

		BatchResult<ResultResponse> batch = BatchResult
			.of(client.reactive().runAll(requests(10), BatchOptions.parallelism(3)))
			.block(Duration.ofSeconds(30));

		assertThat(batch).isNotNull();
		assertThat(batch.successes()).hasSize(10);
		assertThat(batch.outcomes()).extracting((outcome) -> outcome.value().properties().get("i"))
			.containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	}

	@Test
	void unsuccessfulItemsAreStartedAgainAsNewExecutions() {
		Map<Object, AtomicInteger> tries = new ConcurrentHashMap<>();
		HubServiceClient client = start(RUN, (request) -> {
			Object i = request.get("i");
			boolean first = tries.computeIfAbsent(i, (key) -> new AtomicInteger()).incrementAndGet() == 1;
			return (first && ((Integer) i) % 3 == 0) ? ServiceOutcome.failure("flaky")
					: ServiceOutcome.success(Map.of("i", i));
		});
		List<BatchEvent<ResultResponse>> events = new CopyOnWriteArrayList<>();

		BatchResult<ResultResponse> batch = client.runAll(requests(9), BatchOptions.parallelism(4).withRetries(1),
				HubServiceExecution::result, events::add);

		assertThat(batch.allSucceeded()).isTrue();
		assertThat(batch.outcomes()).extracting(BatchOutcome::attempts).containsExactly(2, 1, 1, 2, 1, 1, 2, 1, 1);
		assertThat(events).filteredOn((event) -> event.kind() == BatchEvent.Kind.RETRYING)
			.extracting(BatchEvent::index)
			.containsExactlyInAnyOrder(0, 3, 6);
		assertThat(gateway().executionCount()).isEqualTo(12);
	}

	@Test
	void withoutRetriesAFailedExecutionIsAnUnsuccessfulOutcomeWithItsResult() {
		HubServiceClient client = start(RUN, (request) -> ((Integer) request.get("i") == 1)
				? ServiceOutcome.failure("bad input") : ServiceOutcome.success(Map.of("i", request.get("i"))));

		BatchResult<ResultResponse> batch = client.runAll(requests(3), BatchOptions.parallelism(3));

		assertThat(batch.unsuccessful()).singleElement().satisfies((outcome) -> {
			assertThat(outcome.index()).isEqualTo(1);
			assertThat(outcome.status()).isEqualTo(ServiceExecutionStatus.FAILED);
			assertThat(outcome.failure()).isNull();
			assertThat(outcome.value()).isNotNull();
			assertThat(outcome.executionId()).isNotNull();
		});
		assertThat(batch.successes()).extracting(BatchOutcome::index).containsExactly(0, 2);
	}

	@Test
	void aRefusedStartIsATypedFailureAndNoItemIsLost() {
		HubServiceClient client = start(RUN, echo());
		gateway().inject(InjectedFault.none(GatewayOperation.START_EXECUTION, 2))
			.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 400, "application/json", "{}").times(2));

		BatchResult<ResultResponse> batch = client.runAll(requests(8), BatchOptions.parallelism(1));

		assertThat(batch.outcomes()).hasSize(8);
		assertThat(batch.unsuccessful()).extracting(BatchOutcome::index).containsExactly(2, 3);
		assertThat(batch.unsuccessful()).allSatisfy((outcome) -> {
			assertThat(outcome.failure()).isInstanceOf(HubApiException.class);
			assertThat(outcome.executionId()).isNull();
			assertThat(outcome.status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		});
		assertThat(gateway().executionCount()).isEqualTo(6);
	}

	@Test
	void aFailureCancelsTheRunningExecutionsAndLeavesTheRestUnstarted() {
		HubServiceClient client = start(Duration.ofHours(1), echo());
		// the third start is refused: the first two are running by then
		gateway().inject(InjectedFault.none(GatewayOperation.START_EXECUTION, 2))
			.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 400, "application/json", "{}"));

		BatchResult<ResultResponse> batch = client.runAll(requests(10),
				BatchOptions.parallelism(3).withCancelOnFailure(true));

		assertThat(batch.outcomes()).hasSize(10);
		// the three first starts race: whichever reached the gateway third was refused
		BatchOutcome<ResultResponse> refused = batch.outcomes()
			.stream()
			.filter((outcome) -> outcome.failure() instanceof HubApiException)
			.findFirst()
			.orElseThrow();
		assertThat(refused.index()).isLessThan(3);
		List<BatchOutcome<ResultResponse>> rest = batch.outcomes()
			.stream()
			.filter((outcome) -> outcome != refused)
			.toList();
		assertThat(rest).hasSize(9)
			.allSatisfy((outcome) -> assertThat(outcome.failure()).isInstanceOfSatisfying(BatchCancelledException.class,
					(ex) -> assertThat(ex.failedIndex()).isEqualTo(refused.index())));
		assertThat(rest).filteredOn((outcome) -> outcome.executionId() != null).hasSize(2).allSatisfy((outcome) -> {
			assertThat(outcome.status()).isEqualTo(ServiceExecutionStatus.CANCELLED);
			assertThat(gateway().status(outcome.executionId())).isEqualTo("CANCELLED");
		});
		assertThat(batch.outcomes().subList(3, 10)).allSatisfy((outcome) -> assertThat(outcome.executionId()).isNull());
		assertThat(gateway().executionCount()).isEqualTo(2);
		assertThat(gateway().callCount(GatewayOperation.CANCEL_EXECUTION)).isEqualTo(2);
	}

	@Test
	void startsWhoseAnswersAreCutOrStalledAreFoundByTheirKeysAndNeverStartedTwice() {
		HubServiceClient client = start(RUN, echo());
		gateway().inject(InjectedFault.none(GatewayOperation.START_EXECUTION, 1))
			.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 2))
			.inject(InjectedFault.stall(GatewayOperation.START_EXECUTION))
			.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, 502, null, 1).afterTakingEffect());

		BatchResult<ResultResponse> batch = client.runAll(requests(12), BatchOptions.parallelism(4));

		assertThat(batch.allSucceeded()).isTrue();
		assertThat(batch.outcomes()).extracting((outcome) -> outcome.value().properties().get("i"))
			.containsExactlyElementsOf(IntStream.range(0, 12).boxed().toList());
		assertThat(gateway().executionCount()).isEqualTo(12);
		assertThat(gateway().callCount(GatewayOperation.START_EXECUTION)).isEqualTo(12);
		assertThat(gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(4);
	}

	@Test
	void theBatchsWorkRunsOnEachFinalExecution() {
		HubServiceClient client = start(RUN, echo());

		BatchResult<Integer> batch = client.runAll(requests(5), BatchOptions.parallelism(2),
				(execution) -> (Integer) execution.result().properties().get("i") * 10, (event) -> {
				});

		assertThat(batch.outcomes()).extracting(BatchOutcome::value).containsExactly(0, 10, 20, 30, 40);
	}

	@Test
	void workThatThrowsMakesItsItemUnsuccessfulAndLosesNoOther() {
		HubServiceClient client = start(RUN, echo());
		AtomicInteger calls = new AtomicInteger();

		BatchResult<ResultResponse> batch = BatchResult
			.of(client.reactive().runAll(requests(4), BatchOptions.parallelism(2), (execution) -> {
				if (calls.incrementAndGet() == 2) {
					throw new IllegalStateException("work failed");
				}
				return execution.result();
			}))
			.block(Duration.ofSeconds(30));

		assertThat(batch).isNotNull();
		assertThat(batch.outcomes()).hasSize(4);
		assertThat(batch.successes()).hasSize(3);
		assertThat(batch.unsuccessful()).singleElement()
			.satisfies((outcome) -> assertThat(outcome.failure()).hasMessage("work failed"));
	}

	@Test
	void aWaitPastThePollingTimeoutIsATypedFailure() {
		this.gateway = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.timing(Duration.ZERO, Duration.ofHours(1))
			.handler(echo())
			.start();
		this.client = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.polling(new PollingPolicy(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(300)))
			.build();

		BatchResult<ResultResponse> batch = this.client.runAll(requests(2), BatchOptions.parallelism(2));

		assertThat(batch.outcomes()).allSatisfy((outcome) -> {
			assertThat(outcome.failure()).isInstanceOf(ExecutionTimeoutException.class);
			assertThat(outcome.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		});
	}

	@Test
	void anEmptyBatchEndsAtOnce() {
		HubServiceClient client = start(RUN, echo());

		assertThat(client.runAll(List.of(), BatchOptions.parallelism(4)).outcomes()).isEmpty();
	}

	private HubServiceClient start(Duration run, ServiceHandler handler) {
		this.gateway = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.timing(Duration.ZERO, run)
			.handler(handler)
			.start();
		this.client = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.readTimeout(Duration.ofMillis(500))
			.build();
		return this.client;
	}

	private LocalHubGateway gateway() {
		LocalHubGateway started = this.gateway;
		assertThat(started).isNotNull();
		return started;
	}

	private static ServiceHandler echo() {
		return (request) -> ServiceOutcome.success(Map.of("i", request.get("i")));
	}

	private static List<Map<String, Object>> requests(int count) {
		return IntStream.range(0, count).<Map<String, Object>>mapToObj((i) -> Map.of("i", i)).toList();
	}

}
