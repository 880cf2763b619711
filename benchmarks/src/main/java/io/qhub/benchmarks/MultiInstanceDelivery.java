package io.qhub.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.qhub.test.gateway.LocalHubGateway;

/**
 * Part (b) of scenario 9: executions started and tracked by one or more application
 * instances, each a {@link TrackingInstance} in its own JVM with its own client, pool and
 * tracker, all on one PostgreSQL and one gateway. Counts every delivery by idempotency
 * key across the instances.
 */
final class MultiInstanceDelivery {

	/** Each instance's heap limit. */
	static final String HEAP = "256m";

	private MultiInstanceDelivery() {
	}

	/**
	 * Runs the instances until every execution is delivered and counts.
	 * @param database the database, its table emptied first
	 * @param gateway the gateway
	 * @param executions how many executions in all (split evenly)
	 * @param instances how many instances
	 * @param length how long each execution runs (the gateway's setting)
	 * @return the row
	 * @throws Exception when an instance fails
	 */
	static ScenarioResult measure(EmbeddedDatabase database, LocalHubGateway gateway, int executions, int instances,
			Duration length) throws Exception {
		database.clear();
		Path shared = Workload.temporaryDirectory("qhub-instances");
		List<ScenarioResult> reports = new ArrayList<>();
		ExecutorService starter = Executors.newFixedThreadPool(instances);
		try {
			List<Future<ScenarioResult>> children = new ArrayList<>();
			for (int index = 0; index < instances; index++) {
				int share = executions / instances + ((index < executions % instances) ? 1 : 0);
				List<String> args = List.of(gateway.serviceEndpoint(), gateway.tokenEndpoint(), Workload.ACCESS_KEY_ID,
						Workload.SECRET_ACCESS_KEY, database.jdbcUrl(), String.valueOf(index),
						String.valueOf(instances), String.valueOf(share), String.valueOf(length.toMillis()),
						shared.toString());
				children.add(starter.submit(() -> ChildJvm.run(TrackingInstance.class, HEAP, args)));
			}
			for (Future<ScenarioResult> child : children) {
				reports.add(child.get());
			}
			return row(database, shared, reports, executions, instances, length);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		finally {
			starter.shutdownNow();
			Workload.delete(shared);
		}
	}

	private static ScenarioResult row(EmbeddedDatabase database, Path shared, List<ScenarioResult> reports,
			int executions, int instances, Duration length) throws IOException {
		List<String> keys = new ArrayList<>();
		for (int index = 0; index < instances; index++) {
			keys.addAll(TrackingInstance.keys(shared, index));
		}
		Set<String> distinct = new HashSet<>(keys);
		long tracked = reports.stream().mapToLong((report) -> number(report, "tracked")).sum();
		long start = reports.stream().mapToLong((report) -> number(report, "startEpochMillis")).min().orElse(0);
		long last = reports.stream().mapToLong((report) -> number(report, "lastDeliveryEpochMillis")).max().orElse(0);
		long startsEnded = reports.stream()
			.mapToLong((report) -> number(report, "startEpochMillis") + (long) (decimal(report, "startSeconds") * 1000))
			.max()
			.orElse(0);
		List<Object> heap = reports.stream().map((report) -> report.get("liveHeapTrackingMiB")).toList();
		List<Object> heapBefore = reports.stream().map((report) -> report.get("liveHeapBeforeMiB")).toList();
		List<Object> delivered = reports.stream().map((report) -> report.get("delivered")).toList();
		ScenarioResult row = new ScenarioResult("9-jdbc-tracking",
				"deliveries, " + executions + " executions of " + length.toSeconds() + " s, " + instances
						+ ((instances == 1) ? " instance" : " instances"))
			.put(ScenarioResult.N, executions)
			.put("failedStarts", executions - tracked)
			.put("delivered", distinct.size())
			.put("deliveredTwice", keys.size() - distinct.size())
			.put("missing", tracked - distinct.size())
			.put("drainSeconds", (last - start) / 1000.0)
			.put("lastDeliveryAfterLastStartSeconds", (last - startsEnded) / 1000.0)
			.put("startSecondsMax",
					reports.stream().mapToDouble((report) -> decimal(report, "startSeconds")).max().orElse(0))
			.put("deliveredByInstance", delivered)
			.put("liveHeapBeforeMiBByInstance", heapBefore)
			.put("liveHeapTrackingMiBByInstance", heap)
			.put("trackedInStoreAtHeapSample",
					reports.stream().map((report) -> report.get("trackedAtHeapSample")).toList())
			.put(ScenarioResult.MAX_HEAP_MIB, reports.get(0).get(ScenarioResult.MAX_HEAP_MIB))
			.put("tableEmpty", database.tracked() == 0);
		for (String event : List.of("CLAIM", "LEASE_TAKEOVER", "DELIVERY", "REDELIVERY", "FAILED_POLL")) {
			row.put(event.toLowerCase(java.util.Locale.ROOT),
					reports.stream().mapToLong((report) -> number(report, event)).sum());
		}
		return row.put(ScenarioResult.TARGET, "all delivered, none twice")
			.put("targetMet", distinct.size() == tracked && keys.size() == tracked);
	}

	private static long number(ScenarioResult row, String name) {
		return (row.get(name) instanceof Number number) ? number.longValue() : 0;
	}

	private static double decimal(ScenarioResult row, String name) {
		return (row.get(name) instanceof Number number) ? number.doubleValue() : 0;
	}

}
