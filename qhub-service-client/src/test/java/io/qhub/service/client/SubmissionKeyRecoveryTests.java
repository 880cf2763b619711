package io.qhub.service.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.RecordedRequest;
import io.qhub.test.gateway.ServiceOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Submission keys through the real stack: the local gateway starts the execution, then
 * loses the answer to {@code POST /} in every way it can (cut midway, never sent, sent a
 * byte a second, late, endless, replaced by a 5xx or by an unreadable 201), and the
 * client returns a handle on that very execution, found by the key in its {@code $tags},
 * with exactly one {@code POST /} and exactly one execution on the gateway. Where the
 * gateway started nothing (a 5xx before forwarding, a 4xx) or keys are switched off, the
 * start fails as before, and never is a second execution started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubmissionKeyRecoveryTests {

	private static final String JSON = "application/json";

	private static final Duration SHORT_READ = Duration.ofMillis(300);

	private static final TransportRetryPolicy FAST_RETRY = new TransportRetryPolicy(2, Duration.ofMillis(10),
			Duration.ofMillis(10), 0);

	private @Nullable LocalHubGateway gateway;

	private final List<HubServiceClient> clients = new ArrayList<>();

	@AfterEach
	void tearDown() {
		this.clients.forEach(HubServiceClient::close);
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	/**
	 * Every way the local gateway can lose the answer of a start it acted on: the
	 * execution exists, the client did not get its id.
	 * @return name and fault
	 */
	static Stream<Arguments> answersLostAfterTheStart() {
		GatewayOperation start = GatewayOperation.START_EXECUTION;
		return Stream.of(Arguments.of("connection cut midway", InjectedFault.dropMidResponse(start, 1)),
				Arguments.of("never answered (read timeout)", InjectedFault.stall(start)),
				Arguments.of("trickled a byte a second (read timeout)", InjectedFault.trickle(start)),
				Arguments.of("answered after 3 s (read timeout)",
						InjectedFault.latency(start, Duration.ofSeconds(3), 1).afterTakingEffect()),
				Arguments.of("endless body (over maxJsonBodySize)", InjectedFault.endlessBody(start)),
				Arguments.of("500 after forwarding", InjectedFault.status(start, 500, null, 1).afterTakingEffect()),
				Arguments.of("502 after forwarding", InjectedFault.status(start, 502, null, 1).afterTakingEffect()),
				Arguments.of("503 after forwarding", InjectedFault.status(start, 503, "1", 1).afterTakingEffect()),
				Arguments.of("504 after forwarding", InjectedFault.status(start, 504, null, 1).afterTakingEffect()),
				Arguments.of("201 with an empty body", InjectedFault.answer(start, 201, JSON, "").afterTakingEffect()),
				Arguments.of("201 with malformed JSON",
						InjectedFault.answer(start, 201, JSON, "{\"id\": \"e1\", \"sta").afterTakingEffect()),
				Arguments.of("201 cut midway",
						InjectedFault.answer(start, 201, JSON, "{\"status\":\"PENDING\",\"createdAt\":\"x\"}")
							.droppedMidway()
							.afterTakingEffect()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answersLostAfterTheStart")
	void aStartWhoseAnswerIsLostReturnsTheExecutionItStarted(String name, InjectedFault fault) {
		LocalHubGateway gateway = start();
		gateway.inject(fault);

		HubServiceExecution execution = client(gateway).run(Map.of("shots", 1));

		assertThat(gateway.executionCount()).isEqualTo(1);
		assertThat(execution.id()).isEqualTo("e1");
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
		assertThat(execution.execution().tags()).singleElement()
			.asString()
			.startsWith(RunOptions.SUBMISSION_KEY_TAG_PREFIX)
			.isEqualTo(submittedTags(gateway).get(0));
	}

	@Test
	void theRecoveredHandleFollowsTheExecutionToItsResult() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, 502, null, 1).afterTakingEffect());

		HubServiceExecution execution = client(gateway).run(Map.of("shots", 1));

		assertThat(execution.result().properties()).containsEntry("sum", 42);
		assertThat(gateway.executionCount()).isEqualTo(1);
	}

	@Test
	void theReactiveClientRecoversTheSameWay() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));

		ReactiveHubServiceExecution execution = client(gateway).reactive()
			.run(Map.of("shots", 1))
			.block(Duration.ofSeconds(30));

		assertThat(execution).isNotNull();
		assertThat(execution.id()).isEqualTo("e1");
		assertThat(gateway.executionCount()).isEqualTo(1);
	}

	@ParameterizedTest(name = "POST / answered {0} without starting anything")
	@ValueSource(ints = { 500, 502, 503, 504 })
	void aServerErrorBeforeForwardingFailsAfterLookingAndStartsNothing(int status) {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, status, null, 1));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client(gateway).run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.statusCode()).isEqualTo(status);
				assertThat(own(ex.getSuppressed())).singleElement()
					.satisfies((note) -> assertThat(note.getMessage())
						.contains("No execution carries the submission key " + RunOptions.SUBMISSION_KEY_TAG_PREFIX)
						.contains("the start was not repeated"));
			});
		assertThat(gateway.executionCount()).isZero();
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
	}

	@ParameterizedTest(name = "POST / answered {0}")
	@ValueSource(ints = { 400, 401, 403, 404, 408, 409, 422, 429 })
	void aRefusedStartIsNotLookedFor(int status) {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, status, JSON, "{}"));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client(gateway).run(Map.of("shots", 1)))
			.satisfies((ex) -> assertThat(own(ex.getSuppressed())).isEmpty());
		assertThat(gateway.executionCount()).isZero();
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isZero();
	}

	@Test
	void aFailedLookupRaisesTheStartsFailureWithTheLookupsAsSuppressed() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1))
			.inject(InjectedFault.status(GatewayOperation.GET_SERVICE_EXECUTIONS, 500, null, 100));
		HubServiceClient client = track(builder(gateway).transportRetry(FAST_RETRY).build());

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.operation()).isEqualTo("POST /");
				assertThat(own(ex.getSuppressed())).singleElement()
					.isInstanceOfSatisfying(HubApiException.class,
							(listing) -> assertThat(listing.operation()).isEqualTo("GET /"));
			});
		assertThat(gateway.executionCount()).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

	@Test
	void keysSwitchedOffOnTheClientSendNoTagAndFailAsBefore() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.START_EXECUTION, 1));
		HubServiceClient client = track(builder(gateway).submissionKeys(false).build());

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.run(Map.of("shots", 1)));

		assertThat(submittedTags(gateway)).isEmpty();
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isZero();
		assertThat(gateway.executionCount()).isEqualTo(1);
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(1);
	}

	@Test
	void keysSwitchedOffForOneRunSendNoTagAndFailAsBefore() {
		LocalHubGateway gateway = start();
		gateway.inject(InjectedFault.status(GatewayOperation.START_EXECUTION, 502, null, 1).afterTakingEffect());

		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> client(gateway).run(Map.of("shots", 1),
				RunOptions.none().withTags("nightly").withSubmissionKey(false)));

		assertThat(submittedTags(gateway)).containsExactly("nightly");
		assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isZero();
	}

	@Test
	void theKeyIsAddedAfterTheOptionsTagsAndTheCallersOwnTags() {
		LocalHubGateway gateway = start();
		HubServiceClient client = client(gateway);
		List<String> own = List.of("mine");
		Map<String, Object> request = Map.of("shots", 1, "$tags", own);

		client.run(Map.of("shots", 1), RunOptions.none().withTags("nightly", "v2"));
		client.run(request, RunOptions.none().withTags("ignored"));

		List<String> first = submittedTags(gateway, 0);
		List<String> second = submittedTags(gateway, 1);
		assertThat(first).hasSize(3).startsWith("nightly", "v2");
		assertThat(first.get(2)).startsWith(RunOptions.SUBMISSION_KEY_TAG_PREFIX);
		assertThat(second).hasSize(2).startsWith("mine");
		assertThat(second.get(1)).startsWith(RunOptions.SUBMISSION_KEY_TAG_PREFIX).isNotEqualTo(first.get(2));
		assertThat(request.get("$tags")).isSameAs(own);
	}

	@Test
	void aConnectionThatCouldNotBeOpenedIsRetriedAndNotLookedFor() {
		LocalHubGateway gateway = start();
		String endpoint = gateway.serviceEndpoint();
		gateway.close();
		this.gateway = null;
		HubServiceClient client = track(
				HubServiceClient.builder().serviceEndpoint(endpoint).transportRetry(FAST_RETRY).build());

		assertThatExceptionOfType(HubTransportException.class).isThrownBy(() -> client.run(Map.of("shots", 1)))
			.satisfies((ex) -> {
				assertThat(ex.requestMayHaveBeenSent()).isFalse();
				assertThat(own(ex.getSuppressed())).isEmpty();
			});
	}

	/**
	 * The suppressed exceptions the client added: without the one {@code block()} adds to
	 * show where a blocking call waited.
	 */
	private static List<Throwable> own(Throwable[] suppressed) {
		return Arrays.stream(suppressed)
			.filter((ex) -> !String.valueOf(ex.getMessage()).startsWith("#block terminated"))
			.toList();
	}

	private LocalHubGateway start() {
		LocalHubGateway started = LocalHubGateway.builder()
			.servicePath(LifecycleFixtures.BASE)
			.executionIds("e")
			.timing(Duration.ZERO, Duration.ZERO)
			.handler((request) -> ServiceOutcome.success(Map.of("sum", 42)))
			.start();
		this.gateway = started;
		return started;
	}

	private HubServiceClientBuilder builder(LocalHubGateway gateway) {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.readTimeout(SHORT_READ)
			.maxJsonBodySize(64 * 1024)
			.transportRetry(LifecycleFixtures.NO_JITTER);
	}

	private HubServiceClient client(LocalHubGateway gateway) {
		return track(builder(gateway).build());
	}

	private HubServiceClient track(HubServiceClient client) {
		this.clients.add(client);
		return client;
	}

	private static List<String> submittedTags(LocalHubGateway gateway) {
		return submittedTags(gateway, 0);
	}

	private static List<String> submittedTags(LocalHubGateway gateway, int start) {
		RecordedRequest request = gateway.requests(GatewayOperation.START_EXECUTION).get(start);
		String body = request.body();
		int at = body.indexOf("\"$tags\":[");
		if (at < 0) {
			return List.of();
		}
		String list = body.substring(at + 9, body.indexOf(']', at));
		return Arrays.stream(list.split(",")).map((tag) -> tag.replace("\"", "")).toList();
	}

}
