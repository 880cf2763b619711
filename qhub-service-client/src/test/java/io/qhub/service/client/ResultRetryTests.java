package io.qhub.service.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TransportRetryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code result()}'s retry of the result fetch after the final state, under virtual time.
 */
class ResultRetryTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final VirtualTime vt = new VirtualTime();

	@BeforeEach
	void succeeded() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
	}

	private HubServiceExecution finalExecution(HubServiceClient client) {
		HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
		assertThat(execution.status().isFinal()).isTrue();
		return execution;
	}

	@Test
	void notFoundAndServerErrorsAreRetriedOnTheDefaultSchedule() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(404),
				aResponse().withStatus(404), aResponse().withStatus(500),
				LifecycleFixtures.json(LifecycleFixtures.result("plot.png")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			ResultResponse result = finalExecution(client).result();

			assertThat(result.properties()).containsEntry("sum", 42);
			assertThat(result.fileNames()).containsExactly("plot.png");
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
		// the execution was known final: no polling
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
	}

	@Test
	void a503IsRetriedOnTheDefaultScheduleWhenTheTransportDoesNotRetry() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(404),
				aResponse().withStatus(404), aResponse().withStatus(503),
				LifecycleFixtures.json(LifecycleFixtures.result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			assertThat(finalExecution(client).result().properties()).containsEntry("sum", 42);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void a503IsRetriedByTheResultRetryAloneWithoutTransportRetriesUnderneath() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(404),
				aResponse().withStatus(404), aResponse().withStatus(503),
				LifecycleFixtures.json(LifecycleFixtures.result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			assertThat(finalExecution(client).result().properties()).containsEntry("sum", 42);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void aResultAnswered503EveryTimeCostsExactlyMaxAttemptsRequests() {
		wm.stubFor(get(urlEqualTo(LifecycleFixtures.RESULT_PATH))
			.willReturn(aResponse().withStatus(503).withBody("busy")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);
			assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::result)
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests()))
			.isEqualTo(ResultRetryPolicy.DEFAULT.maxAttempts());
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void retryAfterOnTheResultIsHonouredCappedAtTheLongestWait() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH,
				aResponse().withStatus(503).withHeader("Retry-After", "3"),
				aResponse().withStatus(429).withHeader("Retry-After", "120"),
				LifecycleFixtures.json(LifecycleFixtures.result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			assertThat(finalExecution(client).result().properties()).containsEntry("sum", 42);
		}
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(8));
	}

	@Test
	void unauthorizedFailsAtOnce() {
		assertFailsAtOnce(401);
	}

	@Test
	void forbiddenFailsAtOnce() {
		assertFailsAtOnce(403);
	}

	private void assertFailsAtOnce(int status) {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(status).withBody("no"),
				LifecycleFixtures.json(LifecycleFixtures.result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex).isNotNull();
			assertThat(ex.statusCode()).isEqualTo(status);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void persistentServerErrorSurfacesAfterFourAttempts() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(500).withBody("broken"));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex).isNotNull();
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.responseBody()).isEqualTo("broken");
			assertThat(ex.operation()).isEqualTo("GET /{id}/result");
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(4);
		// no pointless wait after the last attempt
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void failedExecutionYieldsItsResultResponse() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("FAILED")));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH,
				LifecycleFixtures.json("{\"error\":\"division by zero\",\"_links\":{\"status\":{\"href\":\"x\"},"
						+ "\"trace.txt\":{\"href\":\"y\"}}}"));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.FAILED);

			ResultResponse result = execution.result();

			assertThat(result.properties()).containsEntry("error", "division by zero");
			assertThat(execution.resultFiles()).containsExactly("trace.txt");
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
	}

	@Test
	void customPolicyIsHonoured() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(500));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.resultRetry(new ResultRetryPolicy(2, Duration.ofMillis(100), 3.0, Duration.ofSeconds(1)))
			.build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex.statusCode()).isEqualTo(500);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void customMultiplierAndCapAreHonoured() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(404));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.resultRetry(new ResultRetryPolicy(5, Duration.ofMillis(100), 3.0, Duration.ofSeconds(1)))
			.build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex.statusCode()).isEqualTo(404);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(5);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300),
				Duration.ofMillis(900), Duration.ofSeconds(1));
	}

	@Test
	void failedFetchIsNotCachedAndALaterCallFetchesAgain() {
		LifecycleFixtures.sequence(wm, LifecycleFixtures.RESULT_PATH, aResponse().withStatus(403),
				LifecycleFixtures.json(LifecycleFixtures.result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);
			catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(execution.result().properties()).containsEntry("sum", 42);
			assertThat(execution.result().properties()).containsEntry("sum", 42);
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(2);
	}

}
