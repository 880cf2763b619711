package io.qhub.service.client;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.datapool.DataPoolReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code run} sends JSON data only: maps, lists, strings, numbers, booleans, null, and
 * the application's records and beans. A stream, a thread, an arbitrary JDK object, a
 * value that contains itself, a bean without properties and a getter that throws are
 * refused with an {@link IllegalArgumentException} naming the key path, before any
 * request.
 */
class RunRequestValidationTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private HubServiceClient client() {
		wm.stubFor(post(urlPathEqualTo(WireMockGateway.SERVICE_PATH + "/"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"e1\",\"status\":\"PENDING\"}")));
		// bodies are compared exactly here; the submission key is pinned in
		// RunRequestTests
		return WireMockGateway.anonymous(wm.baseUrl() + WireMockGateway.SERVICE_PATH, new VirtualTime())
			.submissionKeys(false)
			.build();
	}

	private void assertRefused(Map<String, ?> request, String path, String reason) {
		try (HubServiceClient client = client()) {
			assertThatIllegalArgumentException().isThrownBy(() -> client.run(request))
				.withMessageContaining("at '" + path + "'")
				.withMessageContaining(reason);
		}
		wm.verify(0, postRequestedFor(urlPathEqualTo(WireMockGateway.SERVICE_PATH + "/")));
	}

	@Test
	void anArbitraryObjectIsRefused() {
		assertRefused(Map.of("thing", new Object()), "thing", "a java.lang.Object without properties");
	}

	@Test
	void aStreamIsRefused() {
		assertRefused(Map.of("data", new ByteArrayInputStream(new byte[3])), "data", "java.io.ByteArrayInputStream");
	}

	@Test
	void aThreadDeepInsideIsRefusedWithItsPath() {
		Map<String, Object> circuit = Map.of("gates", List.of("h", "cx", Thread.currentThread()));
		assertRefused(Map.of("circuit", circuit), "circuit.gates[2]", "Thread, which is not JSON data");
	}

	@Test
	void aMapThatContainsItselfIsRefused() {
		Map<String, Object> loop = new HashMap<>();
		loop.put("self", loop);
		assertRefused(Map.of("a", loop), "a.self", "contains itself");
	}

	@Test
	void aListThatContainsItselfIsRefused() {
		List<Object> loop = new ArrayList<>();
		loop.add(1);
		loop.add(loop);
		assertRefused(Map.of("values", loop), "values[1]", "contains itself");
	}

	@Test
	void aRecordWhoseListHoldsTheRecordIsNamedByTheShortestPathInOneShortLine() {
		List<Object> items = new ArrayList<>();
		Circuit circuit = new Circuit("bell", items, Map.of());
		items.add(circuit);
		assertRefusedTyped(circuit, "items[0]", "contains itself (the request again)");
	}

	@Test
	void aMapThatHoldsItselfInsideARecordIsRefusedWithoutAStackOverflow() {
		Map<String, Object> settings = new HashMap<>();
		settings.put("shots", 10);
		settings.put("loop", settings);
		assertRefusedTyped(new Circuit("bell", List.of(), settings), "settings.loop",
				"contains itself (the value at 'settings' again)");
	}

	@Test
	void aBeanDeepDownThatLeadsBackToAnAncestorIsNamedUpToTheRepetition() {
		Node root = new Node("root");
		Node child = new Node("child");
		root.getChildren().add(child);
		child.getChildren().add(new Node("leaf"));
		child.getChildren().add(root);
		assertRefusedTyped(new Circuit("tree", List.of(Map.of("root", root)), Map.of()),
				"items[0].root.children[0].children[1]", "contains itself (the value at 'items[0].root' again)");
	}

	@Test
	void aBeanReturningItselfIsRefusedNamingItsProperty() {
		assertRefused(Map.of("config", new SelfBean()), "config.self", "contains itself");
	}

	private void assertRefusedTyped(Object request, String path, String reason) {
		try (HubServiceClient client = client()) {
			Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> client.run(request));
			assertThat(failure).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at '" + path + "'")
				.hasMessageContaining(reason)
				.hasNoCause();
			assertThat(failure.getMessage()).hasSizeLessThan(300).doesNotContain("\n");
		}
		wm.verify(0, postRequestedFor(urlPathEqualTo(WireMockGateway.SERVICE_PATH + "/")));
	}

	@Test
	void aGetterThatThrowsIsRefusedNamingItsProperty() {
		assertRefused(Map.of("config", new ThrowingBean()), "config.broken",
				"reading it failed with java.lang.IllegalStateException");
	}

	@Test
	void aBeanWithoutPropertiesIsRefused() {
		assertRefused(Map.of("empty", new EmptyBean()), "empty", "EmptyBean without properties");
	}

	@Test
	void jsonDataRecordsAndBeansAreSentAsTheirJson() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("shots", 100);
		request.put("ratio", 0.5);
		request.put("name", "bell");
		request.put("flag", true);
		request.put("nothing", null);
		request.put("values", List.of(1, 2, 3));
		request.put("matrix", new int[][] { { 1, 0 }, { 0, 1 } });
		request.put("options", new Options("fast", 3));
		request.put("bean", new Bean());
		request.put("when", Instant.parse("2026-01-01T00:00:00Z"));
		request.put("uuid", UUID.fromString("87cb778e-ac43-11ec-b909-0242ac120002"));
		request.put("input_data", new DataPoolReference("dp-1", null));
		try (HubServiceClient client = client()) {
			assertThat(client.run(request).id()).isEqualTo("e1");
		}
		wm.verify(1, postRequestedFor(urlPathEqualTo(WireMockGateway.SERVICE_PATH + "/")).withRequestBody(equalToJson(
				"{\"shots\":100,\"ratio\":0.5,\"name\":\"bell\",\"flag\":true,\"nothing\":null,\"values\":[1,2,3],"
						+ "\"matrix\":[[1,0],[0,1]],\"options\":{\"mode\":\"fast\",\"depth\":3},\"bean\":{\"level\":7},"
						+ "\"when\":\"2026-01-01T00:00:00Z\",\"uuid\":\"87cb778e-ac43-11ec-b909-0242ac120002\","
						+ "\"input_data\":{\"id\":\"dp-1\",\"ref\":\"DATAPOOL\"}}")));
	}

	/** A record. */
	public record Options(String mode, int depth) {
	}

	/** A bean. */
	public static class Bean {

		public int getLevel() {
			return 7;
		}

	}

	/** A bean whose getter throws. */
	public static class ThrowingBean {

		public String getBroken() {
			throw new IllegalStateException("not today");
		}

	}

	/** A typed request. */
	public record Circuit(String name, List<Object> items, Map<String, Object> settings) {
	}

	/** A tree node bean. */
	public static class Node {

		private final String name;

		private final List<Node> children = new ArrayList<>();

		Node(String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

		public List<Node> getChildren() {
			return this.children;
		}

	}

	/** A bean whose property is the bean itself. */
	public static class SelfBean {

		public SelfBean getSelf() {
			return this;
		}

	}

	/** A bean without properties. */
	public static class EmptyBean {

	}

}
