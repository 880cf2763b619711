package io.qhub.test.autoconfigure;

import io.qhub.test.HttpCalls;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(AnonymousLocalHubGatewayTests.Config.class)
@AutoConfigureLocalHubGateway(anonymous = true, servicePath = "/acme/optimizer/2.0.0")
class AnonymousLocalHubGatewayTests {

	@Test
	void servesWithoutTokenAndConfiguresNoKeyPair(@Autowired Environment environment,
			@Autowired LocalHubGateway gateway) throws Exception {
		assertThat(environment.getProperty("qhub.service.access-key-id")).isNull();
		assertThat(environment.getProperty("qhub.service.secret-access-key")).isNull();
		assertThat(environment.getProperty("qhub.service.endpoint")).endsWith("/acme/optimizer/2.0.0");

		assertThat(HttpCalls.start(environment.getRequiredProperty("qhub.service.endpoint"), null).statusCode())
			.isEqualTo(201);
		assertThat(gateway.callCount(GatewayOperation.TOKEN)).isZero();
		assertThat(gateway.executionCount()).isEqualTo(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
