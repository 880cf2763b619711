package io.qhub.test.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import io.qhub.test.HttpCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LocalHubGatewayBuilder#faultRate(double, long)}, the record of injected faults
 * and open connections.
 */
class LocalHubGatewayFaultRateTests {

	private static final int CALLS = 400;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void faultRateFailsAShareOfCallsWithEachKindOfFaultAndRecordsThem() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().faultRate(0.25, 42).start()) {
			List<String> seen = listRepeatedly(gateway, CALLS);

			List<InjectedFault> injected = gateway.injectedFaults(GatewayOperation.GET_SERVICE_EXECUTIONS);
			assertThat(injected).hasSize((int) seen.stream().filter((answer) -> !answer.equals("200")).count());
			assertThat(injected.size()).isBetween(CALLS / 8, CALLS * 3 / 8);
			assertThat(injected).map(LocalHubGatewayFaultRateTests::describe)
				.containsExactlyElementsOf(seen.stream().filter((answer) -> !answer.equals("200")).toList());
			assertThat(seen).contains("503", "429 Retry-After: 0", "500", "drop");
			assertThat(gateway.injectedFaultCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(injected.size());
			assertThat(gateway.injectedFaultCounts())
				.containsEntry(GatewayOperation.GET_SERVICE_EXECUTIONS, (long) injected.size())
				.containsEntry(GatewayOperation.START_EXECUTION, 0L);
			assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(CALLS);

			Map<Integer, Long> answered = new TreeMap<>();
			seen.forEach((answer) -> answered
				.merge(answer.equals("drop") ? 200 : Integer.parseInt(answer.substring(0, 3)), 1L, Long::sum));
			assertThat(gateway.answeredStatuses(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(answered);

			gateway.resetRecording();
			assertThat(gateway.injectedFaultCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isZero();
			assertThat(gateway.answeredStatuses(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEmpty();
		}
	}

	@Test
	void sameSeedInjectsTheSameFaultsAndAnotherSeedOthers() throws Exception {
		List<List<String>> runs = new ArrayList<>();
		for (long seed : new long[] { 7, 7, 8 }) {
			try (LocalHubGateway gateway = LocalHubGateway.builder().faultRate(0.2, seed).start()) {
				runs.add(listRepeatedly(gateway, 100));
			}
		}
		assertThat(runs.get(1)).isEqualTo(runs.get(0));
		assertThat(runs.get(2)).isNotEqualTo(runs.get(0));
	}

	@Test
	void explicitFaultsFireBeforeTheFaultRateAndAreRecordedToo() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().faultRate(1, 1).start()) {
			gateway.inject(InjectedFault.status(GatewayOperation.GET_SERVICE_EXECUTIONS, 418, null, 2));
			assertThat(listRepeatedly(gateway, 3)).startsWith("418", "418").doesNotContain("200");
			assertThat(gateway.injectedFaults(GatewayOperation.GET_SERVICE_EXECUTIONS)).hasSize(3);
		}
	}

	@Test
	void noFaultRateMeansNoFaults() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			assertThat(listRepeatedly(gateway, 50)).containsOnly("200");
			assertThat(gateway.injectedFaultCounts().values()).containsOnly(0L);
		}
	}

	@Test
	void faultRateMustBeAShare() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalHubGateway.builder().faultRate(1.5, 0))
			.withMessageContaining("rate");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalHubGateway.builder().faultRate(Double.NaN, 0));
	}

	@Test
	void droppedTokenAnswerIsCutHalfway() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().accessKey("id", "secret").start()) {
			gateway.inject(InjectedFault.dropMidResponse(GatewayOperation.TOKEN, 1));
			assertThatIOException().isThrownBy(() -> HttpCalls.token(gateway.tokenEndpoint(), "id", "secret"));
			assertThat(HttpCalls.token(gateway.tokenEndpoint(), "id", "secret").statusCode()).isEqualTo(200);
			assertThat(gateway.injectedFaultCount(GatewayOperation.TOKEN)).isEqualTo(1);
		}
	}

	@Test
	void openConnectionsCountsKeptAliveConnectionsUntilTheyClose() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			assertThat(gateway.openConnections()).isZero();
			try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + URI.create(gateway.serviceEndpoint()).getPath()
						+ "/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
				awaitValue(gateway::openConnections, 1);
			}
			awaitValue(gateway::openConnections, 0);
		}
	}

	/**
	 * Lists executions {@code calls} times, one after the other, describing each answer
	 * as {@link #describe} does.
	 */
	private List<String> listRepeatedly(LocalHubGateway gateway, int calls) throws InterruptedException {
		HttpRequest list = HttpRequest.newBuilder(URI.create(gateway.serviceEndpoint() + "/")).GET().build();
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			try {
				HttpResponse<String> response = this.http.send(list, HttpResponse.BodyHandlers.ofString());
				String retryAfter = response.headers()
					.firstValue("Retry-After")
					.map((v) -> " Retry-After: " + v)
					.orElse("");
				answers.add(response.statusCode() + retryAfter);
			}
			catch (IOException ex) {
				answers.add("drop");
			}
		}
		return answers;
	}

	private static String describe(InjectedFault fault) {
		if (fault.delivery() == InjectedFault.Delivery.DROP_MIDWAY) {
			return "drop";
		}
		return fault.status() + ((fault.retryAfter() != null) ? " Retry-After: " + fault.retryAfter() : "");
	}

	private static void awaitValue(IntSupplier value, int expected) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (value.getAsInt() != expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		assertThat(value.getAsInt()).isEqualTo(expected);
	}

}
