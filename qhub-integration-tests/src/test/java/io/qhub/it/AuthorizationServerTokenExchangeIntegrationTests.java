package io.qhub.it;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceClientBuilder;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubTokenException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the client's token exchange against a real Spring Authorization Server started
 * in-process, with a WireMock gateway that records the bearer tokens it receives.
 */
class AuthorizationServerTokenExchangeIntegrationTests {

	private static final String CLIENT_ID = "qhub-it-client";

	/**
	 * Contains {@code / = :}, which survive the server's URL-decoding of Basic
	 * credentials.
	 */
	private static final String CLIENT_SECRET = "s3cr3t/with=equals:and-colon";

	private static final String PLUS_CLIENT_ID = "qhub-it-plus";

	private static final String PLUS_CLIENT_SECRET = "pa+ss";

	private static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();

	@RegisterExtension
	static final WireMockExtension gateway = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static ConfigurableApplicationContext authServer;

	private static String issuer;

	private static String tokenEndpoint;

	@BeforeAll
	static void startAuthorizationServer() {
		String client = "spring.security.oauth2.authorizationserver.client.";
		authServer = new SpringApplicationBuilder(AuthorizationServerApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "spring.jmx.enabled=false",
					client + "qhub.registration.client-id=" + CLIENT_ID,
					client + "qhub.registration.client-secret={noop}" + CLIENT_SECRET,
					client + "qhub.registration.client-authentication-methods=client_secret_basic",
					client + "qhub.registration.authorization-grant-types=client_credentials",
					client + "qhub.token.access-token-time-to-live=5m",
					client + "plus.registration.client-id=" + PLUS_CLIENT_ID,
					client + "plus.registration.client-secret={noop}" + PLUS_CLIENT_SECRET,
					client + "plus.registration.client-authentication-methods=client_secret_basic",
					client + "plus.registration.authorization-grant-types=client_credentials")
			.run();
		String port = authServer.getEnvironment().getProperty("local.server.port");
		issuer = "http://localhost:" + port;
		tokenEndpoint = issuer + "/oauth2/token";
	}

	@AfterAll
	static void stopAuthorizationServer() {
		if (authServer != null) {
			authServer.close();
		}
	}

	@BeforeEach
	void stubGateway() {
		TOKEN_REQUESTS.set(0);
		gateway.stubFor(get(urlPathMatching("/svc/[^/]+")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"{{request.path.[1]}}\",\"status\":\"RUNNING\",\"createdAt\":\"2022-01-01 22:38:08\"}")
			.withTransformers("response-template")));
	}

	private static HubServiceClientBuilder clientBuilder() {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.baseUrl() + "/svc")
			.accessKeyId(CLIENT_ID)
			.secretAccessKey(CLIENT_SECRET)
			.tokenEndpoint(tokenEndpoint);
	}

	private static List<String> bearerTokensSentToGateway() {
		return gateway.findAll(getRequestedFor(urlPathMatching("/svc/.*")))
			.stream()
			.map((request) -> request.getHeader("Authorization"))
			.map((header) -> {
				assertThat(header).startsWith("Bearer ");
				return header.substring("Bearer ".length());
			})
			.toList();
	}

	@Test
	void obtainsARealSignedJwtAndSendsItToTheGateway() {
		try (HubServiceClient client = clientBuilder().build()) {
			ServiceExecution execution = client.api().getStatus("exec-1");

			assertThat(execution.id()).isEqualTo("exec-1");
			assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING);
			assertThat(execution.createdAt()).isEqualTo(Instant.parse("2022-01-01T22:38:08Z"));
		}
		assertThat(TOKEN_REQUESTS).hasValue(1);
		List<String> tokens = bearerTokensSentToGateway();
		assertThat(tokens).hasSize(1);

		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
		Jwt jwt = decoder.decode(tokens.get(0));

		assertThat(jwt.getSubject()).isEqualTo(CLIENT_ID);
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
		assertThat(jwt.getAudience()).containsExactly(CLIENT_ID);
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void reusesTheTokenForSequentialCalls() {
		try (HubServiceClient client = clientBuilder().build()) {
			for (int i = 0; i < 3; i++) {
				assertThat(client.api().getStatus("seq-" + i).id()).isEqualTo("seq-" + i);
			}
		}
		assertThat(TOKEN_REQUESTS).hasValue(1);
		List<String> tokens = bearerTokensSentToGateway();
		assertThat(tokens).hasSize(3);
		assertThat(tokens).containsOnly(tokens.get(0));
	}

	@Test
	void fiftyConcurrentColdReactiveCallsShareOneTokenRequest() {
		List<ServiceExecution> executions;
		try (HubServiceClient client = clientBuilder().build()) {
			executions = Flux.range(0, 50)
				.flatMap((i) -> client.api().reactive().getStatus("c-" + i), 50)
				.collectList()
				.block(Duration.ofSeconds(60));
		}
		System.out.println("TOKEN-REQUESTS for 50 concurrent cold calls: " + TOKEN_REQUESTS.get());

		assertThat(executions).hasSize(50)
			.allSatisfy((e) -> assertThat(e.status()).isEqualTo(ServiceExecutionStatus.RUNNING));
		assertThat(TOKEN_REQUESTS).hasValue(1);
		List<String> tokens = bearerTokensSentToGateway();
		assertThat(tokens).hasSize(50);
		assertThat(tokens).containsOnly(tokens.get(0));
	}

	@Test
	void fiftyConcurrentColdBlockingCallsFromFiftyThreadsShareOneTokenRequest() throws Exception {
		int calls = 50;
		ExecutorService threads = Executors.newFixedThreadPool(calls);
		try (HubServiceClient client = clientBuilder().build()) {
			CountDownLatch ready = new CountDownLatch(calls);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ServiceExecution>> results = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				String id = "t-" + i;
				results.add(threads.submit(() -> {
					ready.countDown();
					assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
					return client.api().getStatus(id);
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			for (int i = 0; i < calls; i++) {
				assertThat(results.get(i).get(60, TimeUnit.SECONDS).id()).isEqualTo("t-" + i);
			}
		}
		finally {
			threads.shutdownNow();
		}
		System.out.println("TOKEN-REQUESTS for 50 concurrent cold calls (50 threads): " + TOKEN_REQUESTS.get());

		assertThat(TOKEN_REQUESTS).hasValue(1);
		List<String> tokens = bearerTokensSentToGateway();
		assertThat(tokens).hasSize(calls);
		assertThat(tokens).containsOnly(tokens.get(0));
	}

	@Test
	void wrongSecretFailsWithInvalidClientWithoutRevealingTheSecret() {
		String wrongSecret = "wrong-secret-Xy9";
		try (HubServiceClient client = clientBuilder().secretAccessKey(wrongSecret).build()) {
			HubTokenException ex = assertThatExceptionOfType(HubTokenException.class)
				.isThrownBy(() -> client.api().getStatus("denied"))
				.actual();

			assertThat(ex.errorCode()).contains("invalid_client");
			assertThat(ex.tokenEndpoint()).isEqualTo(tokenEndpoint);
			assertThat(ex.getMessage()).contains(tokenEndpoint).doesNotContain(wrongSecret);
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				assertThat(String.valueOf(cause)).doesNotContain(wrongSecret).doesNotContain(CLIENT_SECRET);
			}
		}
		assertThat(TOKEN_REQUESTS).hasValue(1);
		assertThat(gateway.findAll(getRequestedFor(urlPathMatching("/svc/.*")))).isEmpty();
	}

	/**
	 * Documents an interoperability fact rather than a wish: the client sends the secret
	 * in the Basic header verbatim (as the official SDK does), while Spring Authorization
	 * Server URL-decodes Basic credentials (RFC 6749 §2.3.1), so a {@code +} in a secret
	 * reaches the server as a space and the client is rejected. The exact header is
	 * pinned in {@link TokenRequestWireFormatIntegrationTests}.
	 */
	@Test
	void secretWithPlusIsSentVerbatimSoSpringAuthorizationServerWhichUrlDecodesRejectsIt() {
		try (HubServiceClient client = clientBuilder().accessKeyId(PLUS_CLIENT_ID)
			.secretAccessKey(PLUS_CLIENT_SECRET)
			.build()) {
			assertThatExceptionOfType(HubTokenException.class).isThrownBy(() -> client.api().getStatus("plus"))
				.satisfies((ex) -> assertThat(ex.errorCode()).contains("invalid_client"));
		}
		assertThat(TOKEN_REQUESTS).hasValue(1);
	}

	@Test
	void renewsTheTokenWhenItIsWithinTheRefreshMarginOfItsExpiry() {
		VirtualTime clock = new VirtualTime(Instant.now());
		try (HubServiceClient client = clientBuilder().clock(clock)
			.tokenRefreshBeforeExpiry(Duration.ofSeconds(120))
			.build()) {
			client.api().getStatus("r-0");
			assertThat(TOKEN_REQUESTS).hasValue(1);

			clock.advance(Duration.ofMinutes(2));
			client.api().getStatus("r-1");
			assertThat(TOKEN_REQUESTS).as("token still valid for 3 min, more than the 120 s margin").hasValue(1);

			clock.advance(Duration.ofSeconds(90));
			client.api().getStatus("r-2");
			assertThat(TOKEN_REQUESTS).as("token expires in 90 s, inside the 120 s margin").hasValue(2);
		}
		List<String> tokens = bearerTokensSentToGateway();
		assertThat(tokens).hasSize(3);
		assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
		assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0));

		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
		assertThat(decoder.decode(tokens.get(2)).getSubject()).isEqualTo(CLIENT_ID);
	}

	/** The in-process authorization server, with a filter that counts token requests. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AuthorizationServerApp {

		@Bean
		FilterRegistrationBean<Filter> tokenRequestCounter() {
			Filter counter = new Filter() {
				@Override
				public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
						throws IOException, ServletException {
					if ("POST".equals(((HttpServletRequest) request).getMethod())) {
						TOKEN_REQUESTS.incrementAndGet();
					}
					chain.doFilter(request, response);
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(counter);
			registration.addUrlPatterns("/oauth2/token");
			// ahead of Spring Security, whose token endpoint filter answers without
			// calling the rest of the chain
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
