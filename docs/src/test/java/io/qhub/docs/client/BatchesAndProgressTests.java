package io.qhub.docs.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.qhub.service.client.BatchEvent;
import io.qhub.service.client.BatchOptions;
import io.qhub.service.client.BatchOutcome;
import io.qhub.service.client.BatchResult;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ServiceOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of the reference guide's "Batches", "Retries and idempotency" (submission
 * keys) and "Expected end" sections, compiled and run against the local gateway
 * (executions of 50 ms). The regions between {@code tag::} and {@code end::} are what the
 * docs include.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchesAndProgressTests {

	private static final Log logger = LogFactory.getLog(BatchesAndProgressTests.class);

	private LocalHubGateway gateway;

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		this.gateway = LocalHubGateway.builder()
			.timing(Duration.ZERO, Duration.ofMillis(50))
			.handler((request) -> ServiceOutcome.success(Map.of("sum", request.get("values"))))
			.start();
		this.client = HubServiceClient.builder().serviceEndpoint(this.gateway.serviceEndpoint()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void batch() {
		HubServiceClient client = this.client;
		// tag::batch[]
		List<Map<String, Object>> requests = IntStream.range(0, 30)
			.<Map<String, Object>>mapToObj((i) -> Map.of("values", List.of(i, i + 1)))
			.toList();
		BatchResult<ResultResponse> batch = client.runAll(requests,
				BatchOptions.parallelism(8).withRetries(1).withRunOptions(RunOptions.none().withTags("sweep")),
				HubServiceExecution::result,
				(event) -> logger.info(event.kind() + " item " + event.index() + ": " + event.progress().finished()
						+ "/" + event.progress().total() + " finished, " + event.progress().running() + " running"));
		// one outcome per request, in the requests' order
		for (BatchOutcome<ResultResponse> outcome : batch.outcomes()) {
			if (outcome.succeeded()) {
				logger.info("item " + outcome.index() + ": " + outcome.value().properties());
			}
			else {
				logger.warn("item " + outcome.index() + " ended " + outcome.status() + ": " + outcome.failure());
			}
		}
		// end::batch[]
		assertThat(batch.outcomes()).hasSize(30);
		assertThat(batch.allSucceeded()).isTrue();
	}

	@Test
	void batchReactive() {
		ReactiveHubServiceClient hub = this.client.reactive();
		List<Map<String, Object>> requests = List.of(Map.of("values", List.of(1)), Map.of("values", List.of(2)));
		// tag::batch-reactive[]
		Flux<BatchEvent<Integer>> events = hub.runAll(requests, BatchOptions.parallelism(8).withCancelOnFailure(true),
				(execution) -> execution.result().map((result) -> result.properties().size()));
		BatchResult<Integer> batch = BatchResult.of(events.doOnNext((event) -> logger.info(event.progress()))).block();
		// end::batch-reactive[]
		assertThat(batch).isNotNull();
		assertThat(batch.successes()).hasSize(2);
	}

	@Test
	void submissionKeys() {
		// tag::submission-keys[]
		try (HubServiceClient withoutKeys = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			// no key in $tags: a start whose answer is lost fails
			.submissionKeys(false)
			.build()) {
			withoutKeys.run(Map.of("values", List.of(1)));
		}
		// for one start
		this.client.run(Map.of("values", List.of(1)), RunOptions.none().withSubmissionKey(false));
		// end::submission-keys[]
		assertThat(this.gateway.executionCount()).isEqualTo(2);
	}

	@Test
	void expectedEnd() {
		this.client.run(Map.of("values", List.of(0))).waitForFinalState();
		HubServiceClient client = this.client;
		List<String> lines = new CopyOnWriteArrayList<>();
		// tag::expected-end[]
		HubServiceExecution execution = client.run(Map.of("values", List.of(1, 2)));
		logger.info("expected to end at " + execution.expectedEnd().map(Object::toString).orElse("(unknown yet)"));
		execution.watchProgress((progress) -> lines
			.add(progress.execution().status() + ", " + progress.elapsed().toMillis() + " ms elapsed, "
					+ progress.remaining().map((left) -> left.toMillis() + " ms left").orElse("time left unknown")));
		// end::expected-end[]
		assertThat(execution.expectedEnd()).isPresent();
		assertThat(lines).isNotEmpty().last().asString().startsWith("SUCCEEDED");
	}

}
