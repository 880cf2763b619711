package io.qhub.sample;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter does not switch on web security: the application's endpoints answer without
 * authentication. Runs with the default-profile embedded gateway
 * ({@link EmbeddedHubGateway}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.demo.enabled=false")
class NoSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void endpointsAnswerWithoutAuthentication() {
		RestTestClient rest = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();

		rest.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		rest.get().uri("/executions/unknown").exchange().expectStatus().isNotFound();
	}

	@Test
	void noSecurityFilterChainBean() throws Exception {
		assertThat(this.context.containsBean("springSecurityFilterChain")).isFalse();
		assertThat(Arrays.stream(this.context.getBeanDefinitionNames()).map(String::toLowerCase))
			.noneMatch((name) -> name.contains("securityfilterchain"));
		String chainType = "org.springframework.security.web.SecurityFilterChain";
		if (ClassUtils.isPresent(chainType, null)) {
			assertThat(this.context.getBeanNamesForType(ClassUtils.forName(chainType, null))).isEmpty();
		}
	}

	@Test
	void noSpringBootSecurityJarOnTheClasspath() {
		List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> Path.of(entry).getFileName().toString())
			.toList();
		// the real classpath, not a manifest-only booter jar (surefire:
		// useManifestOnlyJar=false)
		assertThat(jars).anyMatch((jar) -> jar.startsWith("spring-boot-autoconfigure-"))
			.anyMatch((jar) -> jar.startsWith("spring-security-oauth2-client-"));
		assertThat(jars).noneMatch((jar) -> jar.matches("spring-boot-.*security.*\\.jar"));
	}

	@Test
	void defaultProfileEmbedsAGatewayAndPointsEveryClientAtIt(@Autowired Environment environment,
			@Autowired HubServiceClients clients) {
		LocalHubGateway gateway = this.context.getBean(EmbeddedHubGateway.BEAN_NAME, LocalHubGateway.class);

		assertThat(environment.getProperty("qhub.service.endpoint")).isEqualTo(gateway.serviceEndpoint());
		assertThat(environment.getProperty("qhub.service.token-endpoint")).isEqualTo(gateway.tokenEndpoint());
		assertThat(clients.names()).containsExactly("default", "optimizer");
		assertThat(clients.asMap().values()).extracting(HubServiceClient::serviceEndpoint)
			.containsOnly(gateway.serviceEndpoint());
		assertThat(clients.asMap().values()).noneMatch(HubServiceClient::isAnonymous);
	}

}
