package io.qhub.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.qhub.service.client.ExecutionFilter;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;

/**
 * Scenario 10, listing: a gateway whose {@code GET /} answers 100,000 executions (a
 * canned answer of about 20 MiB, served by the harness's JVM), listed by the client in a
 * child JVM limited to {@code -Xmx64m}: every execution as listed through
 * {@code streamServiceExecutions} (counted, not kept), and the 100 newest FAILED ones
 * with one tag through {@code getServiceExecutions(filter)}; for comparison, the
 * low-level {@code api().getServiceExecutions()}, which reads the whole answer (what the
 * listing did before it streamed). Reports the median wall time of 3 runs after one
 * warm-up, the peak heap in use and the peak right after a collection.
 */
public final class ListingScenario implements Scenario {

	private static final double MIB = 1024.0 * 1024.0;

	private static final String TAG = "batch-13";

	private static final Duration WHOLE_TIMEOUT = Duration.ofSeconds(60);

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	@Override
	public int number() {
		return 10;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		int n = options.smoke() ? 2_000 : 100_000;
		int runs = options.smoke() ? 1 : 3;
		int warmups = options.smoke() ? 0 : 1;
		String body = listing(n);
		List<ScenarioResult> rows = new ArrayList<>();
		try (LocalHubGateway gateway = LocalHubGateway.builder().start()) {
			gateway.inject(InjectedFault.answer(GatewayOperation.GET_SERVICE_EXECUTIONS, 200, "application/json", body)
				.times(Integer.MAX_VALUE));
			for (String variant : List.of("stream", "newest", "whole")) {
				ScenarioResult row;
				try {
					row = ChildJvm.run(ListingScenario.class, "64m", List.of(gateway.serviceEndpoint(), variant,
							String.valueOf(n), String.valueOf(warmups), String.valueOf(runs)));
				}
				catch (IOException ex) {
					row = new ScenarioResult("10-listing", description(variant)).put("error", ex.getMessage())
						.put(ScenarioResult.TARGET, "report")
						.put("targetMet", false);
				}
				rows.add(row.put("answerMiB", body.length() / MIB));
			}
		}
		return rows;
	}

	/**
	 * The gateway's answer: {@code n} executions, one a second, every tenth FAILED, each
	 * with two tags ({@code sweep} and {@code batch-N} for N the position modulo 100).
	 * @param n how many
	 * @return the JSON array
	 */
	static String listing(int n) {
		StringBuilder json = new StringBuilder(n * 220).append('[');
		for (int i = 0; i < n; i++) {
			String status = (i % 10 == 3) ? "FAILED" : "SUCCEEDED";
			String created = timestamp(i);
			json.append((i > 0) ? "," : "")
				.append("{\"id\":\"")
				.append(String.format("00000000-0000-4000-8000-%012d", i))
				.append("\",\"status\":\"")
				.append(status)
				.append("\",\"type\":\"MANAGED\",\"createdAt\":\"")
				.append(created)
				.append("\",\"startedAt\":\"")
				.append(created)
				.append("\",\"endedAt\":\"")
				.append(timestamp(i + 1))
				.append("\",\"tags\":[\"sweep\",\"batch-")
				.append(i % 100)
				.append("\"]}");
		}
		return json.append(']').toString();
	}

	private static String timestamp(int second) {
		return TIMESTAMP.format(START.plusSeconds(second));
	}

	/**
	 * The child JVM: lists as the variant says, checks the count; prints one JSON line.
	 * @param args service endpoint, variant ({@code stream}, {@code newest},
	 * {@code whole}), n, warm-ups, measured runs
	 * @throws Exception when a listing fails
	 */
	public static void main(String[] args) throws Exception {
		String variant = args[1];
		int n = Integer.parseInt(args[2]);
		int warmups = Integer.parseInt(args[3]);
		int runs = Integer.parseInt(args[4]);
		Target target = Target.remote(args[0], null, null, null);
		List<Double> seconds = new ArrayList<>();
		double peakHeap = 0;
		double peakLive = 0;
		long listed = -1;
		String error = null;
		try (HubServiceClient client = target.clientBuilder().build()) {
			for (int i = 0; i < warmups + runs; i++) {
				System.gc();
				HeapSampler heap = new HeapSampler();
				long started = System.nanoTime();
				try {
					listed = list(client, variant);
				}
				catch (Throwable ex) {
					error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
					heap.close();
					peakHeap = Math.max(peakHeap, heap.peakUsedMiB());
					break;
				}
				double wall = Measurements.secondsSince(started);
				heap.close();
				if (i >= warmups) {
					seconds.add(wall);
					peakHeap = Math.max(peakHeap, heap.peakUsedMiB());
					peakLive = Math.max(peakLive, heap.peakAfterCollectionMiB());
				}
			}
		}
		// every tenth FAILED (i % 10 == 3), the tag on every hundredth (i % 100 == 13)
		long expected = variant.equals("newest") ? Math.min(100, n / 100) : n;
		ScenarioResult row = new ScenarioResult("10-listing", description(variant)).put(ScenarioResult.N, n)
			.put("listed", listed)
			.put(ScenarioResult.PEAK_HEAP_MIB, peakHeap)
			.put("peakHeapAfterGcMiB", peakLive)
			.put(ScenarioResult.MAX_HEAP_MIB, Measurements.maxHeapMiB());
		if (error != null) {
			row.put("error", error);
		}
		if (!seconds.isEmpty()) {
			double median = Measurements.median(seconds.stream().mapToDouble(Double::doubleValue).toArray());
			row.put(ScenarioResult.WALL_SECONDS, median)
				.put("executionsPerSecond", n / median)
				.put("wallSecondsAllRuns", seconds);
		}
		boolean bounded = !variant.equals("whole");
		row.put(ScenarioResult.TARGET,
				bounded ? "all " + n + " read at -Xmx64m, heap after GC bounded (below 32 MiB)" : "report")
			.put("targetMet", bounded && error == null && listed == expected && peakLive < 32);
		System.out.println(row.toJson());
		System.exit(0);
	}

	private static long list(HubServiceClient client, String variant) {
		return switch (variant) {
			case "stream" -> {
				try (Stream<HubServiceExecution> all = client.streamServiceExecutions(ExecutionFilter.all())) {
					yield all.count();
				}
			}
			case "newest" -> client.getServiceExecutions(
					ExecutionFilter.all().withStatuses(ServiceExecutionStatus.FAILED).withTags(TAG).newestFirst(100))
				.size();
			// an OutOfMemoryError on an event loop leaves the call unanswered: bounded
			// here
			default ->
				Objects.requireNonNull(client.api().reactive().getServiceExecutions().block(WHOLE_TIMEOUT)).size();
		};
	}

	private static String description(String variant) {
		return switch (variant) {
			case "stream" -> "streamServiceExecutions(all()), counted, -Xmx64m";
			case "newest" -> "getServiceExecutions(FAILED, tag, newestFirst(100)), -Xmx64m";
			default -> "api().getServiceExecutions(), read whole (for comparison), -Xmx64m";
		};
	}

}
