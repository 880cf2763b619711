package io.qhub.test.junit;

import java.net.http.HttpResponse;

import io.qhub.test.HttpCalls;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalHubGatewayExtension} on a static field: one gateway for the class, reset
 * between tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalHubGatewayExtensionStaticTests {

	@RegisterExtension
	static final LocalHubGatewayExtension gateway = LocalHubGatewayExtension.newInstance()
		.accessKey("id", "secret")
		.configure((builder) -> builder.servicePath("/acme/optimizer/2.0.0"))
		.build();

	private static @Nullable LocalHubGateway first;

	@Test
	@Order(1)
	void startsTheConfiguredGatewayBeforeAllTests() throws Exception {
		first = gateway.gateway();
		assertThat(gateway.serviceEndpoint()).isEqualTo(first.serviceEndpoint()).endsWith("/acme/optimizer/2.0.0");
		assertThat(gateway.platformEndpoint()).isEqualTo(first.platformEndpoint());
		assertThat(HttpCalls.start(gateway.serviceEndpoint(), null).statusCode()).isEqualTo(401);
		String token = HttpCalls.accessToken(HttpCalls.token(gateway.tokenEndpoint(), "id", "secret"));
		assertThat(HttpCalls.start(gateway.serviceEndpoint(), token).statusCode()).isEqualTo(201);
		gateway.inject(InjectedFault.status(GatewayOperation.GET_LOGS, 503, null, 1));

		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isEqualTo(2);
		assertThat(gateway.requests()).hasSize(3);
	}

	@Test
	@Order(2)
	void sharesTheGatewayAndForgetsRecordingAndFaultsBetweenTests() throws Exception {
		assertThat(gateway.gateway()).isSameAs(first);
		assertThat(gateway.requests()).isEmpty();
		assertThat(gateway.callCount(GatewayOperation.START_EXECUTION)).isZero();
		assertThat(gateway.gateway().executionCount()).isEqualTo(1);

		String token = HttpCalls.accessToken(HttpCalls.token(gateway.tokenEndpoint(), "id", "secret"));
		String id = String.valueOf(HttpCalls.json(HttpCalls.start(gateway.serviceEndpoint(), token).body()).get("id"));
		HttpResponse<String> logs = HttpCalls.get(gateway.serviceEndpoint() + "/" + id + "/log", token);
		assertThat(logs.statusCode()).isEqualTo(200);
		assertThat(gateway.gateway().injectedFaultCount(GatewayOperation.GET_LOGS)).isZero();
	}

}
