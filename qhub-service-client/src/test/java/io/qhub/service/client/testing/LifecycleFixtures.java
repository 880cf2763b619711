package io.qhub.service.client.testing;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.core.TransportRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Shared stubs and clients for the lifecycle tests. */
public class LifecycleFixtures {

	public static final String BASE = "/acme/svc/1.0.0";

	public static final String ID = "87cb778e-ac43-11ec-b909-0242ac120002";

	public static final String STATUS_PATH = BASE + "/" + ID;

	public static final String RESULT_PATH = STATUS_PATH + "/result";

	/** Deterministic transport retry: the default schedule without jitter. */
	public static final TransportRetryPolicy NO_JITTER = new TransportRetryPolicy(4, Duration.ofMillis(500),
			Duration.ofSeconds(8), 0.0);

	/**
	 * Only for the package-private alias
	 * {@code io.qhub.service.client.LifecycleFixtures}, kept while a test of that package
	 * still uses this class unqualified.
	 */
	protected LifecycleFixtures() {
	}

	public static HubServiceClientBuilder anonymous(WireMockExtension wm, VirtualTime vt) {
		return HubServiceClient.builder()
			.serviceEndpoint(wm.baseUrl() + BASE)
			.clock(vt)
			.sleeper(vt)
			.transportRetry(NO_JITTER);
	}

	public static String execution(String status) {
		return switch (status) {
			case "PENDING" -> "{\"id\":\"" + ID + "\",\"status\":\"PENDING\",\"createdAt\":\"2022-01-01 22:38:08\"}";
			case "RUNNING" -> "{\"id\":\"" + ID + "\",\"status\":\"RUNNING\",\"createdAt\":\"2022-01-01 22:38:08\","
					+ "\"startedAt\":\"2022-01-01 22:39:08\"}";
			default -> "{\"id\":\"" + ID + "\",\"status\":\"" + status + "\",\"createdAt\":\"2022-01-01 22:38:08\","
					+ "\"startedAt\":\"2022-01-01 22:39:08\",\"endedAt\":\"2022-01-01 22:40:08\"}";
		};
	}

	public static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	public static ResponseDefinitionBuilder created(String body) {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withHeader("Location", "http://localhost" + STATUS_PATH)
			.withBody(body);
	}

	public static String result(String... files) {
		StringBuilder links = new StringBuilder("\"status\":{\"href\":\"http://localhost" + STATUS_PATH + "\"}");
		for (String file : files) {
			links.append(",\"")
				.append(file)
				.append("\":{\"href\":\"http://localhost")
				.append(RESULT_PATH)
				.append('/')
				.append(file)
				.append("\"}");
		}
		return "{\"sum\":42,\"_links\":{" + links + "},\"_embedded\":{\"status\":" + execution("SUCCEEDED") + "}}";
	}

	/**
	 * Stubs {@code GET path} to answer the responses in order, one per request; the last
	 * one repeats.
	 */
	public static void sequence(WireMockExtension wm, String path, ResponseDefinitionBuilder... responses) {
		String scenario = "sequence " + path;
		for (int i = 0; i < responses.length; i++) {
			var stub = get(urlPathEqualTo(path)).inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step " + i)
				.willReturn(responses[i]);
			if (i + 1 < responses.length) {
				stub = stub.willSetStateTo("step " + (i + 1));
			}
			wm.stubFor(stub);
		}
	}

	public static RequestPatternBuilder statusPolls() {
		return getRequestedFor(urlPathEqualTo(STATUS_PATH));
	}

	public static RequestPatternBuilder resultRequests() {
		return getRequestedFor(urlPathEqualTo(RESULT_PATH));
	}

	public static int count(WireMockExtension wm, RequestPatternBuilder pattern) {
		return wm.countRequestsMatching(pattern.build()).getCount();
	}

	public static int total(WireMockExtension wm) {
		return count(wm, anyRequestedFor(anyUrl()));
	}

}
