package io.qhub.service.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run(request, options)}: how {@code $tags} and {@code $secrets} reach the request
 * body.
 */
class RunRequestTests extends AnonymousLifecycleTestSupport {

	private void verifyBody(String json) {
		wm.verify(1, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/")).withRequestBody(equalToJson(json)));
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
	}

	@Test
	void tagsAndSecretsAreAddedToTheBody() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 100),
				RunOptions.none().withSecrets(Map.of("ibmToken", "s3")).withTags("a", "b"));

		verifyBody("{\"shots\":100,\"$tags\":[\"a\",\"b\"],\"$secrets\":{\"ibmToken\":\"s3\"}}");
		assertThat(execution.id()).isEqualTo(LifecycleFixtures.ID);
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.PENDING);
	}

	@Test
	void callersOwnTagsAreKept() {
		this.client.run(Map.of("shots", 1, "$tags", List.of("mine")), RunOptions.none().withTags("a", "b"));

		verifyBody("{\"shots\":1,\"$tags\":[\"mine\"]}");
	}

	@Test
	void callersOwnSecretsAreKept() {
		this.client.run(Map.of("$secrets", Map.of("iqm_token", "own")),
				RunOptions.none().withSecrets(Map.of("ibmToken", "s3")).withTags("t"));

		verifyBody("{\"$secrets\":{\"iqm_token\":\"own\"},\"$tags\":[\"t\"]}");
	}

	@Test
	void callersMapIsNotChanged() {
		Map<String, Object> request = new HashMap<>();
		request.put("shots", 100);
		Map<String, Object> before = Map.copyOf(request);

		this.client.run(request, RunOptions.none().withSecrets(Map.of("ibmToken", "s3")).withTags("a"));

		assertThat(request).isEqualTo(before).doesNotContainKeys("$tags", "$secrets");
		verifyBody("{\"shots\":100,\"$tags\":[\"a\"],\"$secrets\":{\"ibmToken\":\"s3\"}}");
	}

	@Test
	void emptyOptionsAddNothing() {
		this.client.run(Map.of("shots", 100), RunOptions.none());

		verifyBody("{\"shots\":100}");
	}

	@Test
	void explicitlyEmptySecretsAndTagsAddNothing() {
		this.client.run(Map.of("shots", 100), new RunOptions(Map.of(), List.of()));

		verifyBody("{\"shots\":100}");
	}

	@Test
	void runWithoutOptionsSendsTheRequestAsItIs() {
		this.client.run(Map.of("values", List.of(1, 2, 3)));

		verifyBody("{\"values\":[1,2,3]}");
	}

	@Test
	void toStringShowsSecretNamesButNeverValues() {
		RunOptions options = RunOptions.none()
			.withSecrets(Map.of("ibmToken", "super-secret-value-1", "IQM_TOKEN", "super-secret-value-2"))
			.withTags("nightly");

		assertThat(options.toString()).contains("ibmToken", "IQM_TOKEN", "nightly")
			.doesNotContain("super-secret-value-1", "super-secret-value-2");
	}

}
