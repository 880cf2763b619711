package io.qhub.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.observation.DefaultExecutionObservationConvention;
import io.qhub.service.client.observation.ExecutionObservationContext;
import io.qhub.service.client.observation.ExecutionObservationConvention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observation through the application's {@code ObservationRegistry}:
 * {@code http.client.requests} of the client's WebClients and one {@code qhub.execution}
 * per wait, with a real execution against a {@code LocalHubGateway}; every call of a
 * service carries its name ({@code default} or the {@code qhub.services} key) as
 * {@code client.name}.
 */
class HubServiceObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	@BeforeEach
	void recordStoppedObservations() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				HubServiceObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	private ApplicationContextRunner contextRunner() {
		return this.hub.runner().withBean(TestObservationRegistry.class, () -> this.registry);
	}

	@Test
	void executionWaitAndHttpCallsAreObserved() {
		this.contextRunner().withPropertyValues(serviceProperties("qhub.service")).run((context) -> {
			ServiceExecution last = context.getBean(HubServiceClient.class).run(Map.of("x", 1)).waitForFinalState();
			assertThat(last.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo("qhub.execution", 1)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("qhub.execution")
					.hasContextualNameEqualTo("qhub wait")
					.hasLowCardinalityKeyValue("qhub.execution.outcome", "SUCCEEDED")
					.hasLowCardinalityKeyValue("qhub.service", "default")
					.hasHighCardinalityKeyValue("qhub.execution.id", last.id()))
				.hasAnObservation((observation) -> observation.hasNameEqualTo("http.client.requests")
					.hasLowCardinalityKeyValue("method", "POST")
					.hasLowCardinalityKeyValue("status", "201"))
				.hasAnObservation((observation) -> observation.hasNameEqualTo("http.client.requests")
					.hasLowCardinalityKeyValue("method", "GET")
					.hasLowCardinalityKeyValue("status", "200"));
		});
	}

	@Test
	void everyCallIsTaggedWithItsUriTemplateAndTheClientName(@TempDir Path downloads) {
		this.contextRunner().withPropertyValues(serviceProperties("qhub.services.optimizer")).run((context) -> {
			HubServiceClient client = context.getBean(HubServiceClients.class).get("optimizer");
			HubServiceExecution execution = client.run(Map.of("x", 1));
			execution.waitForFinalState();
			execution.result();
			execution.downloadResultFile("echo.json", downloads);
			execution.logs();
			execution.cancel();
			client.getServiceExecutions();
			List<String> requests = this.stopped.stream()
				.filter((observation) -> observation.getName().equals("http.client.requests"))
				.map((observation) -> {
					assertThat(observation.getLowCardinalityKeyValue("client.name").getValue())
						.as("client.name of %s", observation)
						.isEqualTo("optimizer");
					return observation.getLowCardinalityKeyValue("method").getValue() + " "
							+ observation.getLowCardinalityKeyValue("uri").getValue();
				})
				.toList();
			Set<String> uriByMethod = new TreeSet<>(requests);
			assertThat(uriByMethod).containsExactlyInAnyOrder("POST /token", "POST /", "GET /", "GET /{id}",
					"GET /{id}/result", "GET /{id}/result/{file}", "GET /{id}/log", "PUT /{id}/cancel");
		});
	}

	@Test
	void theDefaultServicesCallsAreTaggedWithTheClientNameDefault() {
		this.contextRunner().withPropertyValues(serviceProperties("qhub.service")).run((context) -> {
			HubServiceClient client = context.getBean(HubServiceClient.class);
			client.run(Map.of("x", 1)).waitForFinalState();
			client.getServiceExecutions();
			List<Observation.Context> requests = this.stopped.stream()
				.filter((observation) -> observation.getName().equals("http.client.requests"))
				.toList();
			assertThat(requests).isNotEmpty()
				.allSatisfy((observation) -> assertThat(observation.getLowCardinalityKeyValue("client.name").getValue())
					.as("client.name of %s", observation)
					.isEqualTo("default"));
			assertThat(requests).extracting((observation) -> observation.getLowCardinalityKeyValue("uri").getValue())
				.contains("/token", "/", "/{id}");
		});
	}

	@Test
	void theApplicationsRequestConventionIsUsed() {
		this.contextRunner()
			.withPropertyValues(serviceProperties("qhub.service"))
			.withBean(ClientRequestObservationConvention.class, () -> new DefaultClientRequestObservationConvention() {
				@Override
				public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "quantum");
				}
			})
			.run((context) -> {
				context.getBean(HubServiceClient.class).getServiceExecutions();
				TestObservationRegistryAssert.assertThat(this.registry)
					.hasAnObservation((observation) -> observation.hasNameEqualTo("http.client.requests")
						.hasLowCardinalityKeyValue("uri", "/")
						.hasLowCardinalityKeyValue("team", "quantum"));
			});
	}

	@Test
	void tokenRequestIsObserved() {
		this.contextRunner().withPropertyValues(serviceProperties("qhub.service")).run((context) -> {
			context.getBean(HubServiceClient.class).checkCredentials();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 1)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("http.client.requests")
					.hasLowCardinalityKeyValue("method", "POST")
					.hasLowCardinalityKeyValue("status", "200"));
		});
	}

	@Test
	void namedServiceIsTaggedWithItsName() {
		this.contextRunner().withPropertyValues(serviceProperties("qhub.services.optimizer")).run((context) -> {
			HubServiceClient optimizer = context.getBean(HubServiceClients.class).get("optimizer");
			assertThat(optimizer.run(Map.of("x", 1)).waitForFinalState().status())
				.isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("qhub.execution")
					.hasLowCardinalityKeyValue("qhub.service", "optimizer")
					.hasLowCardinalityKeyValue("qhub.execution.outcome", "SUCCEEDED"));
		});
	}

	@Test
	void customizerCanRenameTheService() {
		this.contextRunner()
			.withPropertyValues(serviceProperties("qhub.service"))
			.withBean(HubServiceClientCustomizer.class, () -> (name, builder) -> builder.serviceName("custom-" + name))
			.run((context) -> {
				context.getBean(HubServiceClient.class).run(Map.of("x", 1)).waitForFinalState();
				TestObservationRegistryAssert.assertThat(this.registry)
					.hasAnObservation((observation) -> observation.hasNameEqualTo("qhub.execution")
						.hasLowCardinalityKeyValue("qhub.service", "custom-default"));
			});
	}

	@Test
	void executionObservationConventionBeanIsUsed() {
		this.contextRunner()
			.withPropertyValues(serviceProperties("qhub.service"))
			.withBean(ExecutionObservationConvention.class, CustomConvention::new)
			.run((context) -> {
				context.getBean(HubServiceClient.class).run(Map.of("x", 1)).waitForFinalState();
				TestObservationRegistryAssert.assertThat(this.registry)
					.hasNumberOfObservationsWithNameEqualTo("qhub.execution", 0)
					.hasAnObservation((observation) -> observation.hasNameEqualTo("custom.wait")
						.hasLowCardinalityKeyValue("custom", "yes"));
			});
	}

	@Test
	void nothingIsObservedWithoutRegistryBean() {
		this.hub.runner().withPropertyValues(serviceProperties("qhub.service")).run((context) -> {
			assertThat(context.getBean(HubServiceClient.class).run(Map.of("x", 1)).waitForFinalState().status())
				.isEqualTo(ServiceExecutionStatus.SUCCEEDED);
			TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
		});
	}

	private String[] serviceProperties(String prefix) {
		return new String[] { prefix + ".endpoint=" + this.hub.gateway().serviceEndpoint(),
				prefix + ".token-endpoint=" + this.hub.gateway().tokenEndpoint(), prefix + ".access-key-id=id",
				prefix + ".secret-access-key=secret", prefix + ".polling.initial-interval=20ms",
				prefix + ".polling.max-interval=50ms" };
	}

	static class CustomConvention extends DefaultExecutionObservationConvention {

		@Override
		public String getName() {
			return "custom.wait";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(ExecutionObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and("custom", "yes");
		}

	}

}
