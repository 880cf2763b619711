package io.qhub.service.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.core.HubClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread blocked in {@code waitForFinalState} (real sleeper and clock) reacts to an
 * interrupt.
 */
class InterruptTests {

	private static final PollSignal polls = new PollSignal();

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(polls))
		.build();

	@Test
	void interruptedWaitThrowsAndKeepsTheInterruptFlag() throws Exception {
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
		LifecycleFixtures.sequence(wm, LifecycleFixtures.STATUS_PATH,
				LifecycleFixtures.json(LifecycleFixtures.execution("RUNNING")));
		CountDownLatch firstPoll = new CountDownLatch(1);
		polls.latch = firstPoll;
		CompletableFuture<Throwable> thrown = new CompletableFuture<>();
		CompletableFuture<Boolean> flagAfterwards = new CompletableFuture<>();

		try (HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(wm.baseUrl() + LifecycleFixtures.BASE)
			.transportRetry(LifecycleFixtures.NO_JITTER)
			.build()) {
			HubServiceExecution execution = client.run(Map.of());
			Thread waiter = new Thread(() -> {
				try {
					execution.waitForFinalState();
					thrown.complete(null);
				}
				catch (Throwable ex) {
					thrown.complete(ex);
				}
				flagAfterwards.complete(Thread.currentThread().isInterrupted());
			}, "interrupt-test-waiter");
			waiter.start();

			assertThat(firstPoll.await(30, TimeUnit.SECONDS)).as("the gateway saw a status poll").isTrue();
			waiter.interrupt();

			assertThat(thrown.get(30, TimeUnit.SECONDS)).isInstanceOf(HubClientException.class)
				.isNotInstanceOf(ExecutionTimeoutException.class)
				.hasMessageContaining("Interrupted");
			assertThat(flagAfterwards.get(30, TimeUnit.SECONDS)).isTrue();
			waiter.join();
		}
		finally {
			polls.latch = null;
		}
	}

	/** Counts down a latch when the gateway has answered a status poll. */
	static final class PollSignal implements ServeEventListener {

		volatile CountDownLatch latch;

		@Override
		public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
			CountDownLatch current = this.latch;
			if (current != null && serveEvent.getRequest().getMethod().getName().equals("GET")
					&& serveEvent.getRequest().getUrl().equals(LifecycleFixtures.STATUS_PATH)) {
				current.countDown();
			}
		}

		@Override
		public String getName() {
			return "poll-signal";
		}

	}

}
