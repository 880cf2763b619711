package io.qhub.service.client;

import io.qhub.service.core.HubApiException;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TransportRetryPolicy;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.qhub.service.client.LifecycleFixtures.RESULT_PATH;
import static io.qhub.service.client.LifecycleFixtures.STATUS_PATH;
import static io.qhub.service.client.LifecycleFixtures.count;
import static io.qhub.service.client.LifecycleFixtures.execution;
import static io.qhub.service.client.LifecycleFixtures.json;
import static io.qhub.service.client.LifecycleFixtures.result;
import static io.qhub.service.client.LifecycleFixtures.resultRequests;
import static io.qhub.service.client.LifecycleFixtures.sequence;
import static io.qhub.service.client.LifecycleFixtures.statusPolls;
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
		sequence(wm, STATUS_PATH, json(execution("SUCCEEDED")));
	}

	private HubServiceExecution finalExecution(HubServiceClient client) {
		HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
		assertThat(execution.status().isFinal()).isTrue();
		return execution;
	}

	@Test
	void notFoundAndServerErrorsAreRetriedOnTheDefaultSchedule() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(404), aResponse().withStatus(404), aResponse().withStatus(500),
				json(result("plot.png")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			ResultResponse result = finalExecution(client).result();

			assertThat(result.properties()).containsEntry("sum", 42);
			assertThat(result.fileNames()).containsExactly("plot.png");
		}
		assertThat(count(wm, resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
		// the execution was known final: no polling
		assertThat(count(wm, statusPolls())).isEqualTo(1);
	}

	@Test
	void a503IsRetriedOnTheDefaultScheduleWhenTheTransportDoesNotRetry() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(404), aResponse().withStatus(404), aResponse().withStatus(503),
				json(result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.transportRetry(TransportRetryPolicy.NONE)
			.build()) {
			assertThat(finalExecution(client).result().properties()).containsEntry("sum", 42);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void a503IsRetriedByTheResultRetryAloneWithoutTransportRetriesUnderneath() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(404), aResponse().withStatus(404), aResponse().withStatus(503),
				json(result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			assertThat(finalExecution(client).result().properties()).containsEntry("sum", 42);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(4);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void aResultAnswered503EveryTimeCostsExactlyMaxAttemptsRequests() {
		wm.stubFor(get(urlEqualTo(RESULT_PATH)).willReturn(aResponse().withStatus(503).withBody("busy")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);
			assertThatExceptionOfType(HubApiException.class).isThrownBy(execution::result)
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(503));
		}
		assertThat(count(wm, resultRequests())).isEqualTo(ResultRetryPolicy.DEFAULT.maxAttempts());
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void retryAfterOnTheResultIsHonouredCappedAtTheLongestWait() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(503).withHeader("Retry-After", "3"),
				aResponse().withStatus(429).withHeader("Retry-After", "120"), json(result()));
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
		sequence(wm, RESULT_PATH, aResponse().withStatus(status).withBody("no"), json(result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex).isNotNull();
			assertThat(ex.statusCode()).isEqualTo(status);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

	@Test
	void persistentServerErrorSurfacesAfterFourAttempts() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(500).withBody("broken"));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex).isNotNull();
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.responseBody()).isEqualTo("broken");
			assertThat(ex.operation()).isEqualTo("GET /{id}/result");
		}
		assertThat(count(wm, resultRequests())).isEqualTo(4);
		// no pointless wait after the last attempt
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4));
	}

	@Test
	void failedExecutionYieldsItsResultResponse() {
		sequence(wm, STATUS_PATH, json(execution("FAILED")));
		sequence(wm, RESULT_PATH, json("{\"error\":\"division by zero\",\"_links\":{\"status\":{\"href\":\"x\"},"
				+ "\"trace.txt\":{\"href\":\"y\"}}}"));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.FAILED);

			ResultResponse result = execution.result();

			assertThat(result.properties()).containsEntry("error", "division by zero");
			assertThat(execution.resultFiles()).containsExactly("trace.txt");
		}
		assertThat(count(wm, resultRequests())).isEqualTo(1);
	}

	@Test
	void customPolicyIsHonoured() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(500));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.resultRetry(new ResultRetryPolicy(2, Duration.ofMillis(100), 3.0, Duration.ofSeconds(1)))
			.build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex.statusCode()).isEqualTo(500);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(2);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void customMultiplierAndCapAreHonoured() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(404));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.resultRetry(new ResultRetryPolicy(5, Duration.ofMillis(100), 3.0, Duration.ofSeconds(1)))
			.build()) {
			HubServiceExecution execution = finalExecution(client);

			HubApiException ex = catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(ex.statusCode()).isEqualTo(404);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(5);
		assertThat(this.vt.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300),
				Duration.ofMillis(900), Duration.ofSeconds(1));
	}

	@Test
	void failedFetchIsNotCachedAndALaterCallFetchesAgain() {
		sequence(wm, RESULT_PATH, aResponse().withStatus(403), json(result()));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = finalExecution(client);
			catchThrowableOfType(HubApiException.class, execution::result);

			assertThat(execution.result().properties()).containsEntry("sum", 42);
			assertThat(execution.result().properties()).containsEntry("sum", 42);
		}
		assertThat(count(wm, resultRequests())).isEqualTo(2);
	}

}
