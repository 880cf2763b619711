package io.qhub.service.client.internal;

import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.HalLink;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.model.ServiceExecutionType;
import io.qhub.service.client.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lenient reading of what gateways actually send: unknown enum values, both timestamp
 * forms, extra fields.
 */
class GatewayJsonTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private static final String STATUS = WireMockGateway.SERVICE_PATH + "/e1";

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		this.client = WireMockGateway.anonymous(wm.baseUrl() + WireMockGateway.SERVICE_PATH, new VirtualTime()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void unknownStatusReadsAsUnknown() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("{\"id\":\"e1\",\"status\":\"EXPLODED\"}")));

		ServiceExecution execution = this.client.api().getStatus("e1");

		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		assertThat(execution.id()).isEqualTo("e1");
	}

	@ParameterizedTest
	@CsvSource({ "running, RUNNING", "' Succeeded ', SUCCEEDED", "UNKNOWN, UNKNOWN", "'', UNKNOWN" })
	void statusIsReadCaseInsensitively(String wire, ServiceExecutionStatus expected) {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("{\"status\":\"" + wire + "\"}")));

		assertThat(this.client.api().getStatus("e1").status()).isEqualTo(expected);
	}

	@Test
	void missingOrNullStatusAndTagsAreNormalised() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("{\"id\":\"e1\",\"status\":null,\"tags\":null}")));

		ServiceExecution execution = this.client.api().getStatus("e1");

		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.UNKNOWN);
		assertThat(execution.tags()).isEmpty();
	}

	@Test
	void bothTimestampFormsParse() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("""
				{ "id": "e1", "status": "SUCCEEDED", "createdAt": "2022-01-01 22:38:08",
				  "startedAt": "2025-10-10T08:23:26.452335419Z", "endedAt": "2025-10-10T10:23:27+02:00" }""")));

		ServiceExecution execution = this.client.api().getStatus("e1");

		assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2025-10-10T08:23:26.452335419Z"));
		assertThat(execution.endedAt()).isEqualTo(Instant.parse("2025-10-10T08:23:27Z"));
	}

	@Test
	void zoneLessIsoAndFractionalSpaceSeparatedTimestampsAreUtc() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("""
				{ "createdAt": "2022-01-01T22:38:08", "startedAt": "2022-01-01 22:38:08.125" }""")));

		ServiceExecution execution = this.client.api().getStatus("e1");

		assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		assertThat(execution.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08.125Z"));
	}

	@Test
	void unparseableTimestampReadsAsNullWithoutFailingTheCall() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("""
				{ "id": "e1", "status": "RUNNING", "createdAt": "yesterday at noon",
				  "startedAt": "2022-13-45 99:00:00", "endedAt": "" }""")));

		ServiceExecution execution = this.client.api().getStatus("e1");

		assertThat(execution.id()).isEqualTo("e1");
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(execution.createdAt()).isNull();
		assertThat(execution.startedAt()).isNull();
		assertThat(execution.endedAt()).isNull();
	}

	@Test
	void unknownFieldsAreIgnoredEverywhere() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("""
				{ "id": "e1", "status": "RUNNING", "brandNew": {"deep": [1, 2, {"x": true}]}, "count": 3,
				  "type": "WORKFLOW", "createdAt": "2022-01-01 22:38:08" }""")));
		wm.stubFor(get(urlEqualTo(STATUS + "/log")).willReturn(
				okJson("""
						[ { "message": "m", "severity": "INFO", "timestamp": "2025-10-10T08:23:26Z", "source": "runtime" } ]""")));
		wm.stubFor(get(urlEqualTo(STATUS + "/result")).willReturn(okJson("""
				{ "_links": { "a.txt": { "href": "h", "unknownLinkField": 1 } },
				  "_embedded": { "status": { "id": "e1", "status": "SUCCEEDED", "extra": 1 }, "other": {} } }""")));

		ServiceExecution execution = this.client.api().getStatus("e1");
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(execution.type()).isEqualTo(ServiceExecutionType.WORKFLOW);
		assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));

		assertThat(this.client.api().getLogs("e1"))
			.containsExactly(new LogEntry("m", LogEntrySeverity.INFO, Instant.parse("2025-10-10T08:23:26Z")));

		ResultResponse result = this.client.api().getResult("e1");
		assertThat(result.fileNames()).containsExactly("a.txt");
		assertThat(result.links().get("a.txt")).isEqualTo(HalLink.of("h"));
		assertThat(result.embedded().status()).isEqualTo(ServiceExecution.of("e1", ServiceExecutionStatus.SUCCEEDED));
		assertThat(result.properties()).isEmpty();
	}

	@Test
	void unknownTypeAndMissingSeverityAreTolerated() {
		wm.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("{\"status\":\"RUNNING\",\"type\":\"SERVERLESS\"}")));
		wm.stubFor(get(urlEqualTo(STATUS + "/log")).willReturn(okJson("[{\"message\":\"m\"}]")));

		ServiceExecution execution = this.client.api().getStatus("e1");
		assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
		assertThat(execution.type()).isEqualTo(ServiceExecutionType.UNKNOWN);
		assertThat(this.client.api().getLogs("e1")).containsExactly(new LogEntry("m", LogEntrySeverity.UNKNOWN, null));
	}

}
