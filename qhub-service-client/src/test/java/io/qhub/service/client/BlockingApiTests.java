package io.qhub.service.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.WireMockGateway;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.testing.VirtualTime;
import io.qhub.service.core.HubClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The blocking API refuses to block a Reactor non-blocking thread; the reactive API works
 * there.
 */
class BlockingApiTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockGateway.newServer();

	private HubServiceClient client;

	@BeforeEach
	void setUp() {
		this.client = WireMockGateway.anonymous(wm.baseUrl() + WireMockGateway.SERVICE_PATH, new VirtualTime()).build();
		wm.stubFor(get(urlEqualTo(WireMockGateway.SERVICE_PATH + "/a")).willReturn(okJson("{\"status\":\"RUNNING\"}")));
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void blockingCallOnParallelSchedulerFailsFastPointingToReactive() {
		Mono<ServiceExecution> call = Mono.delay(Duration.ZERO, Schedulers.parallel())
			.map((tick) -> this.client.api().getStatus("a"));

		StepVerifier.create(call)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("reactive()")
				.hasMessageContaining("non-blocking"))
			.verify();
		wm.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void interruptedBlockingCallThrowsAndKeepsTheInterruptFlag() {
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(HubClientException.class).isThrownBy(() -> this.client.api().getStatus("a"))
				.withMessageContaining("Interrupted");
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			wm.verify(0, anyRequestedFor(anyUrl()));
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void reactiveCallOnParallelSchedulerWorks() {
		Mono<ServiceExecution> call = Mono.delay(Duration.ZERO, Schedulers.parallel())
			.flatMap((tick) -> this.client.api().reactive().getStatus("a"));

		StepVerifier.create(call)
			.assertNext((execution) -> assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING))
			.verifyComplete();
	}

	@Test
	void blockingCallOnBoundedElasticWorks() {
		Mono<ServiceExecution> call = Mono.fromCallable(() -> this.client.api().getStatus("a"))
			.subscribeOn(Schedulers.boundedElastic());

		StepVerifier.create(call)
			.assertNext((execution) -> assertThat(execution.status()).isEqualTo(ServiceExecutionStatus.RUNNING))
			.verifyComplete();
	}

}
