package io.qhub.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.model.ServiceExecutionType;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives an anonymous client (no key pair) against the official WireMock image in a
 * container, as a stand-in for a local gateway that does not check tokens. Skipped when
 * no container engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class WireMockContainerIntegrationTests {

	/**
	 * The anonymous client's bearer: 21 random alphanumerics, as the official SDK sends.
	 */
	private static final String ANONYMOUS_BEARER = "\"Authorization\": { \"matches\": \"^Bearer [A-Za-z0-9]{21}$\" }";

	@Container
	static final WireMockContainer wiremock = new WireMockContainer("wiremock/wiremock:3.13.2")
		.withMappingFromJSON("start-execution", """
				{
				  "request": {
				    "method": "POST", "url": "/acme/svc/1.0.0/",
				    "headers": { %s, "Content-Type": { "contains": "application/json" } },
				    "bodyPatterns": [ { "equalToJson": { "shots": 100, "circuit": "bell" },
				                        "ignoreExtraElements": true } ]
				  },
				  "response": {
				    "status": 201,
				    "headers": { "Content-Type": "application/json", "Location": "/acme/svc/1.0.0/exec-42" },
				    "jsonBody": { "id": "exec-42", "status": "PENDING", "type": "MANAGED",
				                  "createdAt": "2022-01-01 22:38:08", "serviceId": "svc-7",
				                  "applicationId": "app-3", "tags": ["it", "bell"] }
				  }
				}""".formatted(ANONYMOUS_BEARER))
		.withMappingFromJSON("start-execution-id-only-in-location", """
				{
				  "request": {
				    "method": "POST", "url": "/acme/svc/1.0.0/",
				    "bodyPatterns": [ { "equalToJson": { "shots": 1 }, "ignoreExtraElements": true } ]
				  },
				  "response": {
				    "status": 201,
				    "headers": { "Content-Type": "application/json", "Location": "/acme/svc/1.0.0/exec-from-location" },
				    "jsonBody": { "status": "PENDING" }
				  }
				}""")
		.withMappingFromJSON("get-status", """
				{
				  "request": { "method": "GET", "url": "/acme/svc/1.0.0/exec-42", "headers": { %s } },
				  "response": {
				    "status": 200,
				    "headers": { "Content-Type": "application/json" },
				    "jsonBody": { "id": "exec-42", "status": "RUNNING", "type": "MANAGED",
				                  "createdAt": "2022-01-01 22:38:08", "startedAt": "2022-01-01T22:38:10.5Z",
				                  "serviceId": "svc-7", "tags": ["it", "bell"] }
				  }
				}""".formatted(ANONYMOUS_BEARER))
		.withMappingFromJSON("get-logs", """
				{
				  "request": { "method": "GET", "url": "/acme/svc/1.0.0/exec-42/log", "headers": { %s } },
				  "response": {
				    "status": 200,
				    "headers": { "Content-Type": "application/json" },
				    "jsonBody": [
				      { "message": "Execution started", "severity": "INFO", "timestamp": "2022-01-01 22:38:10" },
				      { "message": "Low shot count", "severity": "WARNING",
				        "timestamp": "2025-10-10T08:23:26.452335419Z" },
				      { "message": "Something new", "severity": "TRACE" }
				    ]
				  }
				}""".formatted(ANONYMOUS_BEARER));

	private static HubServiceClient anonymousClient() {
		return HubServiceClient.builder().serviceEndpoint(wiremock.getBaseUrl() + "/acme/svc/1.0.0/").build();
	}

	@Test
	void startsAnExecutionAndReadsItsStatusAndLog() {
		try (HubServiceClient client = anonymousClient()) {
			ServiceExecution started = client.api().startExecution(Map.of("shots", 100, "circuit", "bell"));

			assertThat(started.id()).isEqualTo("exec-42");
			assertThat(started.status()).isEqualTo(ServiceExecutionStatus.PENDING);
			assertThat(started.type()).isEqualTo(ServiceExecutionType.MANAGED);
			assertThat(started.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
			assertThat(started.serviceId()).isEqualTo("svc-7");
			assertThat(started.applicationId()).isEqualTo("app-3");
			assertThat(started.tags()).containsExactly("it", "bell");

			ServiceExecution status = client.api().getStatus(started.id());

			assertThat(status.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
			assertThat(status.status().isFinal()).isFalse();
			assertThat(status.startedAt()).isEqualTo(Instant.parse("2022-01-01T22:38:10.5Z"));
			assertThat(status.endedAt()).isNull();

			List<LogEntry> log = client.api().getLogs(started.id());

			assertThat(log).containsExactly(
					new LogEntry("Execution started", LogEntrySeverity.INFO, Instant.parse("2022-01-01T22:38:10Z")),
					new LogEntry("Low shot count", LogEntrySeverity.WARNING,
							Instant.parse("2025-10-10T08:23:26.452335419Z")),
					new LogEntry("Something new", LogEntrySeverity.UNKNOWN, null));
		}
	}

	@Test
	void takesTheExecutionIdFromTheLocationHeaderWhenTheBodyHasNone() {
		try (HubServiceClient client = anonymousClient()) {
			ServiceExecution started = client.api().reactive().startExecution(Map.of("shots", 1)).block();

			assertThat(started).isNotNull();
			assertThat(started.id()).isEqualTo("exec-from-location");
			assertThat(started.status()).isEqualTo(ServiceExecutionStatus.PENDING);
		}
	}

}
