package io.qhub.test.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.qhub.test.HttpCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Canned answers ({@link InjectedFault#answer}), pass-through steps
 * ({@link InjectedFault#none}) and sequences of faults for one operation.
 */
class LocalHubGatewayScriptedFaultTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void cannedAnswerIsSentAsWrittenWithItsStatusContentTypeAndRetryAfter() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			gateway.inject(InjectedFault.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 502, "text/html", "<html/>")
				.withRetryAfter("7")
				.times(2));

			for (int i = 0; i < 2; i++) {
				HttpResponse<String> answer = list(gateway);
				assertThat(answer.statusCode()).isEqualTo(502);
				assertThat(answer.headers().firstValue("Content-Type")).contains("text/html");
				assertThat(answer.headers().firstValue("Retry-After")).contains("7");
				assertThat(answer.body()).isEqualTo("<html/>");
			}
			assertThat(list(gateway).statusCode()).isEqualTo(200);
			assertThat(gateway.injectedFaultCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(2);
		}
	}

	@Test
	void cannedAnswerToStartExecutionStartsNothingAndMayBeEmpty() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			gateway.inject(InjectedFault.answer(GatewayOperation.START_EXECUTION, 201, "application/json", ""));

			HttpResponse<String> answer = HttpCalls.start(gateway.serviceEndpoint(), null);

			assertThat(answer.statusCode()).isEqualTo(201);
			assertThat(answer.body()).isEmpty();
			assertThat(gateway.executionCount()).isZero();
			assertThat(gateway.answeredStatuses(GatewayOperation.START_EXECUTION)).containsEntry(201, 1L);
		}
	}

	@Test
	void cannedAnswerDroppedMidwayIsCut() {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			gateway.inject(
					InjectedFault
						.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 200, "application/json",
								"[" + "1,".repeat(1000) + "1]")
						.droppedMidway());

			assertThatIOException().isThrownBy(() -> list(gateway));
		}
	}

	@Test
	void faultsForOneOperationFireInOrderAndNoneStepsAnswerAsTheyAre() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			gateway.inject(InjectedFault.none(GatewayOperation.GET_SERVICE_EXECUTIONS, 1))
				.inject(InjectedFault.status(GatewayOperation.GET_SERVICE_EXECUTIONS, 502, null, 2))
				.inject(InjectedFault.status(GatewayOperation.GET_SERVICE_EXECUTIONS, 504, null, 1));

			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				statuses.add(list(gateway).statusCode());
			}

			assertThat(statuses).containsExactly(200, 502, 502, 504, 200);
			assertThat(gateway.injectedFaults(GatewayOperation.GET_SERVICE_EXECUTIONS)).map(InjectedFault::status)
				.containsExactly(502, 502, 504);
		}
	}

	@Test
	void cannedAnswerNeedsAStatus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InjectedFault.answer(GatewayOperation.GET_STATUS, 0, null, "x"));
		assertThat(InjectedFault.none(GatewayOperation.GET_STATUS, 3).changesNothing()).isTrue();
		assertThat(InjectedFault.status(GatewayOperation.GET_STATUS, 503, null, 1).changesNothing()).isFalse();
	}

	private HttpResponse<String> list(LocalHubGateway gateway) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(gateway.serviceEndpoint())).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
