package io.qhub.test.gateway;

import java.net.http.HttpResponse;

import io.qhub.test.HttpCalls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalHubGatewayExecutionIdsTests {

	@Test
	void executionIdsAreSequentialWithAPrefixAndServedUnderThem() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().executionIds("e").start()) {
			HttpResponse<String> first = HttpCalls.start(gateway.serviceEndpoint(), null);
			HttpResponse<String> second = HttpCalls.start(gateway.serviceEndpoint(), null);

			assertThat(HttpCalls.json(first.body())).containsEntry("id", "e1");
			assertThat(first.headers().firstValue("Location")).hasValue(gateway.serviceEndpoint() + "/e1");
			assertThat(HttpCalls.json(second.body())).containsEntry("id", "e2");
			assertThat(gateway.status("e1")).isNotNull();
			assertThat(gateway.status("e2")).isNotNull();
		}
	}

	@Test
	void executionIdsAreRandomByDefault() throws Exception {
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			HttpResponse<String> started = HttpCalls.start(gateway.serviceEndpoint(), null);

			assertThat(HttpCalls.json(started.body()).get("id")).asString().hasSize(36);
		}
	}

	@Test
	void anEmptyPrefixIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalHubGateway.builder().executionIds(""))
			.withMessageContaining("prefix");
	}

}
