package io.qhub.service.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.qhub.service.client.LifecycleFixtures.BASE;
import static io.qhub.service.client.LifecycleFixtures.RESULT_PATH;
import static io.qhub.service.client.LifecycleFixtures.STATUS_PATH;
import static io.qhub.service.client.LifecycleFixtures.count;
import static io.qhub.service.client.LifecycleFixtures.created;
import static io.qhub.service.client.LifecycleFixtures.execution;
import static io.qhub.service.client.LifecycleFixtures.json;
import static io.qhub.service.client.LifecycleFixtures.result;
import static io.qhub.service.client.LifecycleFixtures.resultRequests;
import static io.qhub.service.client.LifecycleFixtures.sequence;
import static io.qhub.service.client.LifecycleFixtures.statusPolls;
import static io.qhub.service.client.LifecycleFixtures.total;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact number of HTTP calls the lifecycle makes: nothing is fetched twice, nothing is
 * polled needlessly.
 */
class CallCountTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final byte[] PLOT = "PNG-bytes\u0000\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);

	private final VirtualTime vt = new VirtualTime();

	@TempDir
	Path dir;

	@BeforeEach
	void stubGateway() {
		wm.stubFor(post(urlPathEqualTo(BASE + "/")).willReturn(created(execution("PENDING"))));
		sequence(wm, STATUS_PATH, json(execution("SUCCEEDED")));
		wm.stubFor(get(urlPathEqualTo(RESULT_PATH)).willReturn(json(result("plot.png", "data.csv"))));
		wm.stubFor(get(urlPathEqualTo(RESULT_PATH + "/plot.png"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PLOT)));
	}

	private Path fullFlow(HubServiceClient client) throws Exception {
		HubServiceExecution execution = client.run(Map.of("shots", 100));
		assertThat(execution.waitForFinalState().status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(execution.result().properties()).containsEntry("sum", 42);
		assertThat(execution.resultFiles()).containsExactly("plot.png", "data.csv");
		Path written = execution.downloadResultFile("plot.png", this.dir);
		assertThat(Files.readAllBytes(written)).isEqualTo(PLOT);
		return written;
	}

	@Test
	void fullFlowWithAnAnonymousClientMakesExactlyFourCalls() throws Exception {
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			fullFlow(client);
		}

		assertThat(total(wm)).isEqualTo(4);
		assertThat(count(wm, postRequestedFor(urlPathEqualTo(BASE + "/")))).isEqualTo(1);
		assertThat(count(wm, statusPolls())).isEqualTo(1);
		assertThat(count(wm, resultRequests())).isEqualTo(1);
		assertThat(count(wm, getRequestedFor(urlPathEqualTo(RESULT_PATH + "/plot.png")))).isEqualTo(1);
		assertThat(this.vt.sleeps()).hasSize(1);
	}

	@Test
	void fullFlowWithAKeyPairMakesExactlyFiveCalls() throws Exception {
		wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(
				"{\"access_token\":\"tok-123\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"default\"}")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.accessKeyId("key-id")
			.secretAccessKey("key-secret")
			.tokenEndpoint(wm.baseUrl() + "/token")
			.build()) {
			fullFlow(client);
		}

		assertThat(total(wm)).isEqualTo(5);
		assertThat(count(wm, postRequestedFor(urlPathEqualTo("/token")))).isEqualTo(1);
		// every gateway call carried the one token
		assertThat(count(wm,
				getRequestedFor(urlPathMatching(BASE + "/.*")).withHeader("Authorization", equalTo("Bearer tok-123"))))
			.isEqualTo(3);
		assertThat(count(wm,
				postRequestedFor(urlPathEqualTo(BASE + "/")).withHeader("Authorization", equalTo("Bearer tok-123"))))
			.isEqualTo(1);
	}

	@Test
	void resultIsFetchedOnlyOnce() {
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = client.run(Map.of());

			ResultResponse first = execution.result();
			ResultResponse second = execution.result();
			List<String> files = execution.resultFiles();

			assertThat(second).isSameAs(first);
			assertThat(files).containsExactly("plot.png", "data.csv");
		}
		assertThat(count(wm, resultRequests())).isEqualTo(1);
		// result() waited for the final state once: one poll from PENDING to SUCCEEDED
		assertThat(count(wm, statusPolls())).isEqualTo(1);
		assertThat(total(wm)).isEqualTo(3);
	}

	@Test
	void resultOfAKnownFinalExecutionMakesNoStatusCall() {
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
			assertThat(execution.resultFiles()).containsExactly("plot.png", "data.csv");
		}
		assertThat(count(wm, statusPolls())).isEqualTo(1);
		assertThat(count(wm, resultRequests())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

}
