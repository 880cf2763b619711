package io.qhub.autoconfigure.tracking;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qhub.autoconfigure.HubServiceAutoConfiguration;
import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.InMemoryTrackedExecutionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link HubTrackingMetricsAutoConfiguration} and {@link HubTrackingMeters}: the
 * {@code qhub.tracking.*} meters, bound by Spring Boot's metrics support, count what the
 * tracker did (a take-over of a dead instance's claim, a failed poll, a delivery that
 * threw and its redelivery) by service; the gauges of one scrape share one summary, asked
 * at most once a second, and are NaN while the store fails; no meters without Micrometer.
 */
class HubTrackingMetersTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMillis(100))
		.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HubServiceAutoConfiguration.class, HubTrackingAutoConfiguration.class,
				HubTrackingMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("qhub.service.endpoint=" + this.gateway.serviceEndpoint(),
				"qhub.service.polling.initial-interval=100ms", "qhub.tracking.tick=50ms");

	@AfterEach
	void stop() {
		this.gateway.close();
	}

	@Test
	void countersCountWhatTheTrackerDidByService() {
		this.contextRunner.withBean(ThrowsOnce.class).run((context) -> {
			assertThat(context).hasSingleBean(HubTrackingMeters.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			HubExecutionTracker tracker = context.getBean(HubExecutionTracker.class);
			InMemoryTrackedExecutionStore store = context.getBean(InMemoryTrackedExecutionStore.class);
			String id = context.getBean(HubServiceClient.class).run(Map.of("shots", 1)).id();
			// claimed by an instance that died: its claim runs out at once
			store.add("default", id, Duration.ZERO);
			assertThat(store.claimDue("dead-node", Duration.ofMillis(1), 1)).hasSize(1);
			tracker.track("default", id);
			tracker.track("default", "no-such-execution");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(count(registry, "qhub.tracking.redeliveries")).isEqualTo(1));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(count(registry, "qhub.tracking.polls.failed")).isPositive());
			assertThat(count(registry, "qhub.tracking.deliveries")).isEqualTo(1);
			assertThat(count(registry, "qhub.tracking.lease.takeovers")).isEqualTo(1);
			// the dead node's execution twice (the delivery that threw, then the
			// redelivery), the unknown one at least once
			assertThat(count(registry, "qhub.tracking.claims")).isGreaterThanOrEqualTo(3);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gauge(registry, "qhub.tracking.tracked", "default")).isEqualTo(1));
			assertThat(registry.get("qhub.tracking.claims").functionCounter().getId().getBaseUnit())
				.isEqualTo("claims");
			assertThat(registry.get("qhub.tracking.due").gauge().getId().getDescription()).contains("backlog");
		});
	}

	@Test
	void theGaugesOfAScrapeShareOneSummaryAskedAtMostOnceASecondAndAreNaNWhileTheStoreFails() {
		CountingStore store = new CountingStore();
		this.contextRunner.withPropertyValues("qhub.services.optimizer.endpoint=" + this.gateway.serviceEndpoint())
			.withBean(CountingStore.class, () -> store)
			.run((context) -> {
				store.add("default", "a", Duration.ZERO);
				store.add("default", "b", Duration.ZERO);
				store.add("optimizer", "c", Duration.ofHours(1));
				AtomicLong nanos = new AtomicLong();
				HubTrackingMeters meters = new HubTrackingMeters(context.getBean(HubExecutionTracker.class),
						new TrackingSummaryCache(context.getBean(HubExecutionTracker.class)::summary,
								HubTrackingMeters.SUMMARY_MAX_AGE, nanos::get));
				MeterRegistry registry = new SimpleMeterRegistry();
				meters.bindTo(registry);
				assertThat(registry.find("qhub.tracking.tracked").gauges()).hasSize(2);
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", 2.0)
					.containsEntry("qhub.tracking.due default", 2.0)
					.containsEntry("qhub.tracking.tracked optimizer", 1.0)
					.containsEntry("qhub.tracking.due optimizer", 0.0);
				assertThat(store.summaries()).isEqualTo(1);
				store.remove("default", "a");
				nanos.addAndGet(Duration.ofMillis(999).toNanos());
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", 2.0);
				assertThat(store.summaries()).isEqualTo(1);
				nanos.addAndGet(Duration.ofMillis(1).toNanos());
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", 1.0);
				assertThat(store.summaries()).isEqualTo(2);
				store.failWith(new IllegalStateException("database down"));
				nanos.addAndGet(Duration.ofSeconds(1).toNanos());
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", Double.NaN)
					.containsEntry("qhub.tracking.due optimizer", Double.NaN);
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", Double.NaN);
				assertThat(store.summaries()).isEqualTo(3);
				store.failWith(null);
				nanos.addAndGet(Duration.ofSeconds(1).toNanos());
				assertThat(scrape(registry)).containsEntry("qhub.tracking.tracked default", 1.0);
				assertThat(store.summaries()).isEqualTo(4);
			});
	}

	@Test
	void withoutMicrometerThereAreNoMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(HubExecutionTracker.class)
				.doesNotHaveBean(HubTrackingMeters.class));
	}

	private static double count(MeterRegistry registry, String name) {
		FunctionCounter counter = registry.get(name).tag("service", "default").functionCounter();
		return counter.count();
	}

	private static double gauge(MeterRegistry registry, String name, String service) {
		Gauge gauge = registry.get(name).tag("service", service).gauge();
		return gauge.value();
	}

	/** Every gauge's value, by name and service, as one scrape reads them. */
	private static Map<String, Double> scrape(MeterRegistry registry) {
		Map<String, Double> values = new ConcurrentHashMap<>();
		for (Meter meter : registry.getMeters()) {
			if (meter instanceof Gauge gauge) {
				values.put(gauge.getId().getName() + " " + gauge.getId().getTag("service"), gauge.value());
			}
		}
		return values;
	}

	/**
	 * An application's listener that throws on the first delivery of each completion.
	 */
	static class ThrowsOnce {

		private final Set<String> seen = ConcurrentHashMap.newKeySet();

		@EventListener
		void on(HubExecutionFinished finished) {
			if (this.seen.add(finished.idempotencyKey())) {
				throw new IllegalStateException("listener failed once");
			}
		}

	}

}
