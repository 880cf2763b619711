package io.qhub.service.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
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
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("SUCCEEDED")));
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH))
			.willReturn(LifecycleFixtures.json(LifecycleFixtures.result("plot.png", "data.csv"))));
		wm.stubFor(get(urlPathEqualTo(LifecycleFixtures.RESULT_PATH + "/plot.png"))
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

		assertThat(LifecycleFixtures.total(wm)).isEqualTo(4);
		assertThat(LifecycleFixtures.count(wm, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"))))
			.isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm,
				getRequestedFor(urlPathEqualTo(LifecycleFixtures.RESULT_PATH + "/plot.png"))))
			.isEqualTo(1);
		assertThat(this.vt.sleeps()).hasSize(1);
	}

	@Test
	void fullFlowWithAKeyPairMakesExactlyFiveCalls() throws Exception {
		wm.stubFor(post(urlPathEqualTo("/token")).willReturn(LifecycleFixtures.json(
				"{\"access_token\":\"tok-123\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"default\"}")));
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt)
			.accessKeyId("key-id")
			.secretAccessKey("key-secret")
			.tokenEndpoint(wm.baseUrl() + "/token")
			.build()) {
			fullFlow(client);
		}

		assertThat(LifecycleFixtures.total(wm)).isEqualTo(5);
		assertThat(LifecycleFixtures.count(wm, postRequestedFor(urlPathEqualTo("/token")))).isEqualTo(1);
		// every gateway call carried the one token
		assertThat(LifecycleFixtures.count(wm, getRequestedFor(urlPathMatching(LifecycleFixtures.BASE + "/.*"))
			.withHeader("Authorization", equalTo("Bearer tok-123")))).isEqualTo(3);
		assertThat(LifecycleFixtures.count(wm, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.withHeader("Authorization", equalTo("Bearer tok-123")))).isEqualTo(1);
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
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
		// result() waited for the final state once: one poll from PENDING to SUCCEEDED
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(3);
	}

	@Test
	void resultOfAKnownFinalExecutionMakesNoStatusCall() {
		try (HubServiceClient client = LifecycleFixtures.anonymous(wm, this.vt).build()) {
			HubServiceExecution execution = client.getServiceExecution(LifecycleFixtures.ID);
			assertThat(execution.resultFiles()).containsExactly("plot.png", "data.csv");
		}
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.statusPolls())).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, LifecycleFixtures.resultRequests())).isEqualTo(1);
		assertThat(this.vt.sleeps()).isEmpty();
	}

}
