package io.qhub.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.tracking.HubExecutionTracker;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import io.qhub.tracking.TrackingStatistics;
import io.qhub.tracking.TrackingStatistics.Event;

/**
 * One application instance of part (b) of scenario 9, in its own JVM: its own client,
 * connection pool and tracker on the shared PostgreSQL. Once every instance is ready
 * (each writes a file into a shared directory and waits for the others' files) it starts
 * its share of the executions, tracking each as soon as it is started, and runs until the
 * table is empty (every instance's executions delivered). It writes the keys it
 * delivered, one a line, and prints one JSON line: its start, its last delivery, its live
 * heap before and while tracking, and its tracker's statistics.
 */
public final class TrackingInstance {

	private TrackingInstance() {
	}

	/**
	 * The instance's JVM.
	 * @param args service endpoint, token endpoint, key id, secret, JDBC URL, instance
	 * index, instances, executions to start, execution length in ms, shared directory
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		Target target = Target.remote(args[0], args[1], args[2], args[3]);
		String jdbcUrl = args[4];
		int index = Integer.parseInt(args[5]);
		int instances = Integer.parseInt(args[6]);
		int executions = Integer.parseInt(args[7]);
		Duration length = Duration.ofMillis(Long.parseLong(args[8]));
		Path shared = Path.of(args[9]);
		Deliveries deliveries = new Deliveries();
		ScenarioResult row = new ScenarioResult("9-jdbc-tracking", "instance " + index);
		try (HikariDataSource pool = EmbeddedDatabase.pool(jdbcUrl, "instance-" + index);
				HubServiceClient client = target.clientBuilder().build()) {
			ReactiveHubServiceClient hub = client.reactive();
			hub.checkCredentials().block();
			try (HubExecutionTracker tracker = HubExecutionTracker.builder()
				.client("default", hub)
				.store(new JdbcTrackedExecutionStore(pool))
				.instanceId("instance-" + index)
				.lease(StatementsPerPoll.LEASE)
				.tick(StatementsPerPoll.TICK)
				.listener(deliveries)
				.build()) {
				tracker.summary();
				long heapBefore = Measurements.liveHeapBytes();
				Files.writeString(shared.resolve("ready-" + index), "ready");
				Waiting.until(() -> ready(shared) >= instances, Duration.ofMinutes(2));
				long startEpochMillis = System.currentTimeMillis();
				long started = System.nanoTime();
				int tracked = TrackedStarts.startAndTrack(hub, tracker, executions, index + "-");
				double startSeconds = Measurements.secondsSince(started);
				long trackedNow = tracker.summary().totalTracked();
				long heapTracking = Measurements.liveHeapBytes();
				boolean drained = Waiting.until(
						() -> Measurements.secondsSince(started) > length.toSeconds() && empty(tracker),
						Duration.ofMinutes(10));
				TrackingStatistics statistics = tracker.statistics();
				row.put("startEpochMillis", startEpochMillis)
					.put("lastDeliveryEpochMillis", deliveries.lastEpochMillis())
					.put("startSeconds", startSeconds)
					.put("tracked", tracked)
					.put("drained", drained)
					.put("delivered", deliveries.total())
					.put("liveHeapBeforeMiB", heapBefore / 1048576.0)
					.put("liveHeapTrackingMiB", heapTracking / 1048576.0)
					.put("trackedAtHeapSample", trackedNow)
					.put(ScenarioResult.MAX_HEAP_MIB, Measurements.maxHeapMiB());
				for (Event event : Event.values()) {
					row.put(event.name(), statistics.count("default", event));
				}
			}
		}
		Files.write(shared.resolve("keys-" + index), deliveries.keys(), StandardCharsets.UTF_8);
		System.out.println(row.toJson());
		System.exit(0);
	}

	private static boolean empty(HubExecutionTracker tracker) {
		return tracker.summary().totalTracked() == 0;
	}

	private static long ready(Path shared) {
		try (java.util.stream.Stream<Path> files = Files.list(shared)) {
			return files.filter((file) -> file.getFileName().toString().startsWith("ready-")).count();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The keys an instance delivered.
	 * @param shared the shared directory
	 * @param index the instance's index
	 * @return the keys, one per delivery
	 * @throws java.io.IOException when the file cannot be read
	 */
	static List<String> keys(Path shared, int index) throws java.io.IOException {
		return Files.readAllLines(shared.resolve("keys-" + index), StandardCharsets.UTF_8);
	}

}
