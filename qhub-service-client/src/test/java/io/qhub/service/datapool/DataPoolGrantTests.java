package io.qhub.service.datapool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.fixtures.PlatformFixtures;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code run(request, RunOptions.withGrants(..))} against a WireMock gateway and
 * platform: what the start body holds, which key wins, and what is never shown.
 */
class DataPoolGrantTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	@TempDir
	Path home;

	private final VirtualTime vt = new VirtualTime();

	private final String jwt = PlatformFixtures.jwtExpiringAt(this.vt.instant().plus(Duration.ofHours(1)), "grant");

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		HubPlatformClient platform = PlatformFixtures.platform(wm, this.home).clock(this.vt).sleeper(this.vt).build();
		this.client = LifecycleFixtures.anonymous(wm, this.vt)
			.platformClient(platform)
			.platformEnvironment(PlatformFixtures.emptyEnvironment(this.home))
			// bodies are compared exactly here; the submission key is pinned in
			// RunRequestTests and SubmissionKeyRecoveryTests
			.submissionKeys(false)
			.build();
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
		PlatformFixtures.stubGrant(wm, this.jwt);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	private static RequestPatternBuilder starts() {
		return postRequestedFor(urlPathEqualTo(LifecycleFixtures.BASE + "/"));
	}

	private String reference(String id) {
		return "{\"id\":\"" + id + "\",\"ref\":\"DATAPOOL\",\"grant\":\"" + this.jwt + "\"}";
	}

	@Test
	void grantReferenceIsPutUnderTheGrantsName() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 100), RunOptions.none()
			.withGrants(new DataPoolGrant("input_data", "dp-1", "app-1", DataPoolPermission.VIEW)));

		assertThat(execution.id()).isEqualTo(LifecycleFixtures.ID);
		wm.verify(1, PlatformFixtures.grantRequests()
			.withRequestBody(
					equalToJson("{\"datapoolId\":\"dp-1\",\"applicationId\":\"app-1\",\"permission\":\"VIEW\"}")));
		wm.verify(1, starts().withRequestBody(equalToJson("{\"shots\":100,\"input_data\":" + reference("dp-1") + "}")));
		assertThat(LifecycleFixtures.total(wm)).isEqualTo(2);
	}

	@Test
	void everyGrantGetsItsOwnReference() {
		this.client.run(Map.of(),
				RunOptions.none()
					.withGrants(new DataPoolGrant("input_data", "dp-1", "app-1", DataPoolPermission.VIEW),
							new DataPoolGrant("output_data", "dp-2", "app-1", DataPoolPermission.MODIFY)));

		wm.verify(1, starts().withRequestBody(
				equalToJson("{\"input_data\":" + reference("dp-1") + ",\"output_data\":" + reference("dp-2") + "}")));
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
	}

	@Test
	void defaultPermissionIsModify() {
		DataPoolGrant grant = new DataPoolGrant("data", "dp-1", "app-1");

		this.client.run(Map.of(), RunOptions.none().withGrants(grant));

		assertThat(grant.permission()).isEqualTo(DataPoolPermission.MODIFY);
		wm.verify(1,
				PlatformFixtures.grantRequests().withRequestBody(matchingJsonPath("$.permission", equalTo("MODIFY"))));
	}

	@Test
	void grantReplacesAManualReferenceAtItsKey() {
		Map<String, Object> request = Map.of("data", new DataPoolReference("dp-manual", "manual-jwt"), "shots", 1);

		this.client.run(request, RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1")));

		wm.verify(1, starts().withRequestBody(equalToJson("{\"shots\":1,\"data\":" + reference("dp-1") + "}")));
	}

	@Test
	void grantReplacesAnyValueAtItsKey() {
		this.client.run(Map.of("data", "whatever", "other", List.of(1, 2)),
				RunOptions.none().withGrants(new DataPoolGrant("data", "dp-1", "app-1")));

		wm.verify(1, starts().withRequestBody(equalToJson("{\"other\":[1,2],\"data\":" + reference("dp-1") + "}")));
	}

	@Test
	void manualReferenceWithoutGrantIsSentAsIs() {
		this.client.run(Map.of("data", new DataPoolReference("dp-manual", "manual-jwt")));

		wm.verify(1, starts().withRequestBody(
				equalToJson("{\"data\":{\"id\":\"dp-manual\",\"ref\":\"DATAPOOL\",\"grant\":\"manual-jwt\"}}")));
		assertThat(PlatformFixtures.grantCalls(wm)).isZero();
	}

	@Test
	void referenceWithoutGrantIsSerialisedWithoutTheGrantField() {
		this.client.run(Map.of("data", new DataPoolReference("dp-1", null)));

		// equalToJson is strict: an extra "grant": null would not match
		wm.verify(1, starts().withRequestBody(equalToJson("{\"data\":{\"id\":\"dp-1\",\"ref\":\"DATAPOOL\"}}")));
	}

	@Test
	void tagsAndSecretsNeverReplaceTheCallersValuesWhileGrantsDo() {
		Map<String, Object> request = Map.of("$tags", List.of("mine"), "$secrets", Map.of("own", "x"), "data", "old");

		this.client.run(request,
				RunOptions.none()
					.withTags("theirs")
					.withSecrets(Map.of("ibmToken", "s3"))
					.withGrants(new DataPoolGrant("data", "dp-1", "app-1")));

		wm.verify(1, starts().withRequestBody(
				equalToJson("{\"$tags\":[\"mine\"],\"$secrets\":{\"own\":\"x\"},\"data\":" + reference("dp-1") + "}")));
	}

	@Test
	void tagsAndSecretsAreAddedNextToGrants() {
		this.client.run(Map.of("shots", 100),
				RunOptions.none()
					.withSecrets(Map.of("ibmToken", "x"))
					.withTags("a")
					.withGrants(new DataPoolGrant("input_data", "dp-1", "app-1")));

		wm.verify(1, starts().withRequestBody(equalToJson("{\"shots\":100,\"$secrets\":{\"ibmToken\":\"x\"},"
				+ "\"$tags\":[\"a\"],\"input_data\":" + reference("dp-1") + "}")));
	}

	@Test
	void callersMapIsNotChanged() {
		Map<String, Object> request = new HashMap<>();
		request.put("data", new DataPoolReference("dp-manual", "manual-jwt"));
		request.put("shots", 1);
		Map<String, Object> before = Map.copyOf(request);

		this.client.run(request,
				RunOptions.none().withTags("t").withGrants(new DataPoolGrant("data", "dp-1", "app-1")));

		assertThat(request).isEqualTo(before);
		assertThat(request.get("data")).isEqualTo(new DataPoolReference("dp-manual", "manual-jwt"));
	}

	@Test
	void reactiveRunIsLazyAndAcquiresOnSubscription() {
		var run = this.client.reactive()
			.run(Map.of(), RunOptions.none().withGrants(new DataPoolGrant("d", "dp-1", "app-1")));

		assertThat(LifecycleFixtures.total(wm)).isZero();
		assertThat(run.block().id()).isEqualTo(LifecycleFixtures.ID);
		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		assertThat(LifecycleFixtures.count(wm, starts())).isEqualTo(1);
	}

	@Test
	void failedAcquisitionStartsNoExecution() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(aResponse().withStatus(403)));

		assertThatExceptionOfType(HubApiException.class).isThrownBy(
				() -> this.client.run(Map.of(), RunOptions.none().withGrants(new DataPoolGrant("d", "dp-1", "app-1"))))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(403));
		assertThat(LifecycleFixtures.count(wm, starts())).isZero();
	}

	@Test
	void failedAcquisitionIsNotCached() {
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH)).willReturn(aResponse().withStatus(500)));
		RunOptions options = RunOptions.none().withGrants(new DataPoolGrant("d", "dp-1", "app-1"));
		assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> this.client.run(Map.of(), options));
		wm.stubFor(post(urlPathEqualTo(PlatformFixtures.GRANTS_PATH))
			.willReturn(okJson(PlatformFixtures.tokenJson(this.jwt))));

		this.client.run(Map.of(), options);

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(2);
		wm.verify(1, starts().withRequestBody(equalToJson("{\"d\":" + reference("dp-1") + "}")));
	}

	@Test
	void twoNamesForTheSameTupleShareOneAcquisition() {
		this.client.run(Map.of(), RunOptions.none()
			.withGrants(new DataPoolGrant("in", "dp-1", "app-1"), new DataPoolGrant("out", "dp-1", "app-1")));

		assertThat(PlatformFixtures.grantCalls(wm)).isEqualTo(1);
		wm.verify(1, starts()
			.withRequestBody(equalToJson("{\"in\":" + reference("dp-1") + ",\"out\":" + reference("dp-1") + "}")));
	}

	@Test
	void referenceToStringNeverShowsTheGrant() {
		DataPoolReference reference = new DataPoolReference("dp-1", this.jwt);

		assertThat(reference.toString()).doesNotContain(this.jwt).contains("dp-1").contains("<redacted>");
		assertThat(new DataPoolReference("dp-1", null).toString()).contains("grant=null");
		assertThat(reference.ref()).isEqualTo(ReferenceType.DATAPOOL);
		assertThat(reference.grant()).isEqualTo(this.jwt);
	}

	@Test
	void runOptionsToStringShowsNamesOnly() {
		RunOptions options = RunOptions.none()
			.withSecrets(Map.of("ibmToken", "secret-value"))
			.withGrants(new DataPoolGrant("input_data", "dp-1", "app-1"));

		this.client.run(Map.of(), options);

		assertThat(options.toString()).contains("input_data")
			.contains("ibmToken")
			.doesNotContain("secret-value")
			.doesNotContain(this.jwt);
	}

	@Test
	void grantSpecificationRejectsBlankParts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DataPoolGrant(" ", "dp", "app"))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> new DataPoolGrant("n", "", "app"))
			.withMessageContaining("datapoolId");
		assertThatIllegalArgumentException().isThrownBy(() -> new DataPoolGrant("n", "dp", null))
			.withMessageContaining("applicationId");
	}

}
