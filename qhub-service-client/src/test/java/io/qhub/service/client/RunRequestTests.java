package io.qhub.service.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run(request, options)}: how {@code $tags} and {@code $secrets} reach the request
 * body, with the submission key as the last tag.
 */
class RunRequestTests extends AnonymousLifecycleTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The one request sent is this body once its submission key, the last of its
	 * {@code $tags}, is taken out (with {@code $tags} itself when that was all).
	 */
	private void verifyBody(String json) {
		wm.verify(1, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/")));
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(1);
		JsonNode sent = JSON.readTree(wm.getAllServeEvents().get(0).getRequest().getBodyAsString());
		ArrayNode tags = (ArrayNode) sent.get("$tags");
		assertThat(tags).isNotNull();
		assertThat(tags.get(tags.size() - 1).asString()).startsWith(RunOptions.SUBMISSION_KEY_TAG_PREFIX);
		tags.remove(tags.size() - 1);
		if (tags.isEmpty()) {
			((ObjectNode) sent).remove("$tags");
		}
		assertThat(sent).isEqualTo(JSON.readTree(json));
	}

	@Test
	void aSubmissionKeySwitchedOffForTheRunIsNotSent() {
		this.client.run(Map.of("shots", 100), RunOptions.none().withSubmissionKey(false));

		wm.verify(1, postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.withRequestBody(equalToJson("{\"shots\":100}")));
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
	void callersOwnTagsAreKeptAndTheSubmissionKeyFollowsThem() {
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
	void emptyOptionsAddOnlyTheSubmissionKey() {
		this.client.run(Map.of("shots", 100), RunOptions.none());

		verifyBody("{\"shots\":100}");
	}

	@Test
	void explicitlyEmptySecretsAndTagsAddOnlyTheSubmissionKey() {
		this.client.run(Map.of("shots", 100), new RunOptions(Map.of(), List.of()));

		verifyBody("{\"shots\":100}");
	}

	@Test
	void runWithoutOptionsSendsTheRequestAsItIsWithItsSubmissionKey() {
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
