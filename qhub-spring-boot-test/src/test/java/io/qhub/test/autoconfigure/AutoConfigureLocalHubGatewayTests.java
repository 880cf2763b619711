package io.qhub.test.autoconfigure;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;

import io.qhub.test.HttpCalls;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringJUnitConfig(AutoConfigureLocalHubGatewayTests.Config.class)
@AutoConfigureLocalHubGateway
class AutoConfigureLocalHubGatewayTests {

	@Autowired
	LocalHubGateway gateway;

	@Autowired
	Environment environment;

	@Test
	void pointsTheHubPropertiesAtTheGateway() {
		assertThat(this.environment.getProperty("qhub.service.endpoint")).isEqualTo(this.gateway.serviceEndpoint())
			.startsWith("http://127.0.0.1:" + this.gateway.port() + "/local/echo/1.0.0");
		assertThat(this.environment.getProperty("qhub.service.token-endpoint")).isEqualTo(this.gateway.tokenEndpoint());
		assertThat(this.environment.getProperty("qhub.service.access-key-id"))
			.isEqualTo(AutoConfigureLocalHubGateway.DEFAULT_ACCESS_KEY_ID);
		assertThat(this.environment.getProperty("qhub.service.secret-access-key"))
			.isEqualTo(AutoConfigureLocalHubGateway.DEFAULT_SECRET_ACCESS_KEY);
		assertThat(this.environment.getProperty("qhub.platform.endpoint")).isEqualTo(this.gateway.platformEndpoint());
		assertThat(this.environment.getProperty("qhub.platform.api-key"))
			.isEqualTo(AutoConfigureLocalHubGateway.DEFAULT_PLATFORM_API_KEY);
	}

	@Test
	void gatewayAcceptsTheConfiguredKeyPairAndRequiresATokenForServiceCalls() throws Exception {
		String tokenEndpoint = this.environment.getRequiredProperty("qhub.service.token-endpoint");
		String serviceEndpoint = this.environment.getRequiredProperty("qhub.service.endpoint");
		long tokensBefore = this.gateway.callCount(GatewayOperation.TOKEN);

		assertThat(HttpCalls.start(serviceEndpoint, null).statusCode()).isEqualTo(401);
		assertThat(HttpCalls.token(tokenEndpoint, "wrong-id", "wrong-secret").statusCode()).isEqualTo(401);
		HttpResponse<String> token = HttpCalls.token(tokenEndpoint,
				this.environment.getRequiredProperty("qhub.service.access-key-id"),
				this.environment.getRequiredProperty("qhub.service.secret-access-key"));
		assertThat(token.statusCode()).isEqualTo(200);
		HttpResponse<String> started = HttpCalls.start(serviceEndpoint, HttpCalls.accessToken(token));

		assertThat(started.statusCode()).isEqualTo(201);
		assertThat(HttpCalls.json(started.body())).containsEntry("status", "PENDING");
		assertThat(this.gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(tokensBefore + 2);
	}

	@Test
	void customizersOfEqualSettingsAreEqualSoTheContextIsCached() {
		LocalHubGatewayContextCustomizerFactory factory = new LocalHubGatewayContextCustomizerFactory();
		ContextCustomizer defaults = factory.createContextCustomizer(AutoConfigureLocalHubGatewayTests.class,
				List.of());
		ContextCustomizer same = factory.createContextCustomizer(SameSettings.class, List.of());
		ContextCustomizer slower = factory.createContextCustomizer(Slower.class, List.of());

		assertThat(defaults).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(slower);
		assertThat(factory.createContextCustomizer(String.class, List.of())).isNull();
	}

	@Test
	void gatewayIsClosedWithItsContext() throws Exception {
		ContextCustomizer customizer = new LocalHubGatewayContextCustomizerFactory()
			.createContextCustomizer(SameSettings.class, List.of());
		GenericApplicationContext context = new GenericApplicationContext();
		customizer.customizeContext(context, null);
		context.refresh();
		LocalHubGateway own = context.getBean(LocalHubGateway.class);
		String tokenEndpoint = own.tokenEndpoint();
		assertThat(HttpCalls.token(tokenEndpoint, "x", "y").statusCode()).isEqualTo(401);

		context.close();

		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> HttpCalls.token(tokenEndpoint, "x", "y"));
	}

	@Nested
	@TestPropertySource(properties = "qhub.service.access-key-id=overridden-by-the-test")
	class InlinedProperties {

		@Test
		void winOverTheGatewayProperties(@Autowired Environment environment, @Autowired LocalHubGateway gateway) {
			assertThat(environment.getProperty("qhub.service.access-key-id")).isEqualTo("overridden-by-the-test");
			assertThat(environment.getProperty("qhub.service.endpoint")).isEqualTo(gateway.serviceEndpoint());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

	@AutoConfigureLocalHubGateway
	static class SameSettings {

	}

	@AutoConfigureLocalHubGateway(runMillis = 5_000)
	static class Slower {

	}

}
