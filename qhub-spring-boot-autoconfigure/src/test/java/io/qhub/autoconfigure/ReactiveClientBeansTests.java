package io.qhub.autoconfigure;

import java.util.List;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.core.HubClientException;
import io.qhub.test.gateway.GatewayOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@link ReactiveHubServiceClient} beans: one for the default service and one per
 * named service (same qualifiers as the blocking ones), each the very client its blocking
 * bean is a layer over, closed once with the context; a WebFlux application injects them
 * without building a blocking client.
 */
class ReactiveClientBeansTests {

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	private String[] properties() {
		return new String[] { "qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint(), "qhub.service.access-key-id=id",
				"qhub.service.secret-access-key=secret",
				"qhub.services.optimizer.endpoint=" + this.hub.gateway().serviceEndpoint() };
	}

	@Test
	void eachBlockingClientIsALayerOverItsReactiveBean() {
		this.hub.runner().withPropertyValues(properties()).run((context) -> {
			assertThat(context).hasNotFailed();
			ReactiveHubServiceClient reactive = context.getBean(ReactiveHubServiceClient.class);
			assertThat(context.getBean(HubServiceClient.class).reactive()).isSameAs(reactive);
			ReactiveHubServiceClient optimizer = context.getBean("optimizerReactiveHubServiceClient",
					ReactiveHubServiceClient.class);
			assertThat(optimizer).isNotSameAs(reactive);
			assertThat(context.getBean("optimizerHubServiceClient", HubServiceClient.class).reactive())
				.isSameAs(optimizer);
		});
	}

	@Test
	void reactiveBeansAreInjectedByTypeAndQualifierWithoutABlockingClient() {
		this.hub.runner()
			.withPropertyValues(properties())
			.withUserConfiguration(ReactiveInjectionConfiguration.class)
			.run((context) -> {
				ReactiveInjection injection = context.getBean(ReactiveInjection.class);
				assertThat(injection.defaultService()).isSameAs(context.getBean("reactiveHubServiceClient"));
				assertThat(injection.optimizer()).isSameAs(context.getBean("optimizerReactiveHubServiceClient"));
				List<ReactiveHubServiceExecution> executions = injection.optimizer()
					.getServiceExecutions()
					.collectList()
					.block();
				assertThat(executions).isEmpty();
				assertThat(this.hub.gateway().callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
			});
	}

	@Test
	void closingTheContextClosesTheSharedResourcesOfBoth() {
		ReactiveHubServiceClient[] reactive = new ReactiveHubServiceClient[1];
		HubServiceClient[] blocking = new HubServiceClient[1];
		this.hub.runner().withPropertyValues(properties()).run((context) -> {
			reactive[0] = context.getBean(ReactiveHubServiceClient.class);
			blocking[0] = context.getBean(HubServiceClient.class);
			assertThat(blocking[0].getServiceExecutions()).isEmpty();
		});
		assertThatExceptionOfType(HubClientException.class)
			.isThrownBy(() -> reactive[0].getServiceExecutions().collectList().block())
			.withMessageContaining("closed");
		assertThatExceptionOfType(HubClientException.class).isThrownBy(blocking[0]::getServiceExecutions)
			.withMessageContaining("closed");
	}

	@Test
	void aReactiveClientOfTheApplicationIsWhatTheBlockingBeanWraps() {
		this.hub.runner()
			.withPropertyValues(properties())
			.withUserConfiguration(UserReactiveClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("reactiveHubServiceClient");
				assertThat(context.getBean(HubServiceClient.class).reactive())
					.isSameAs(context.getBean("userReactiveClient"));
			});
	}

	record ReactiveInjection(ReactiveHubServiceClient defaultService, ReactiveHubServiceClient optimizer) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ReactiveInjectionConfiguration {

		@Bean
		ReactiveInjection reactiveInjection(ReactiveHubServiceClient defaultService,
				@Qualifier("optimizer") ReactiveHubServiceClient optimizer) {
			return new ReactiveInjection(defaultService, optimizer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserReactiveClientConfiguration {

		@Bean(destroyMethod = "close")
		ReactiveHubServiceClient userReactiveClient() {
			return HubServiceClient.builder().serviceEndpoint("http://localhost:1/own").buildReactive();
		}

	}

}
