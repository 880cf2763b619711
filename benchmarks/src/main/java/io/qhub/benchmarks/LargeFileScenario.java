package io.qhub.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Scenario 5, large file: a 1 GiB generated result file downloaded to disk by the client
 * in a child JVM limited to {@code -Xmx64m}, and by {@code curl} from the same server (in
 * the harness's JVM) into the same directory. Reports both throughputs (medians after one
 * warm-up each), their ratio and the client's peak heap.
 */
public final class LargeFileScenario implements Scenario {

	private static final String FILE = "big.bin";

	private static final double MIB = 1024.0 * 1024.0;

	@Override
	public int number() {
		return 5;
	}

	@Override
	public List<ScenarioResult> run(HarnessOptions options) throws Exception {
		long size = options.smoke() ? 8L * 1024 * 1024 : 1024L * 1024 * 1024;
		int runs = options.smoke() ? 1 : 3;
		int warmups = options.smoke() ? 0 : 1;
		Path directory = Workload.temporaryDirectory("qhub-bench-large");
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.handler((request) -> ServiceOutcome.success(Map.of("size", size))
				.withFile(FILE, ResultFile.generated(size)))
			.start();
				Target target = Target.local(gateway, null, null);
				HubServiceClient client = target.clientBuilder().build()) {
			HubServiceExecution execution = client.run(Map.of("size", size));
			execution.waitForFinalState();
			String url = gateway.serviceEndpoint() + "/" + execution.id() + "/result/" + FILE;
			List<Double> curl = new ArrayList<>();
			for (int i = 0; i < warmups + runs; i++) {
				Double speed = curl(url, directory.resolve("curl.bin"), size);
				if (speed == null) {
					break;
				}
				if (i >= warmups) {
					curl.add(speed);
				}
			}
			ScenarioResult row = ChildJvm.run(LargeFileScenario.class, "64m",
					List.of(gateway.serviceEndpoint(), execution.id(), directory.toString(), String.valueOf(size),
							String.valueOf(warmups), String.valueOf(runs)));
			double measured = ((Number) Objects.requireNonNull(row.get("clientMiBps"), "the child reports clientMiBps"))
				.doubleValue();
			Double curlMedian = curl.isEmpty() ? null
					: Measurements.median(curl.stream().mapToDouble(Double::doubleValue).toArray());
			row.put("curlMiBps", curlMedian)
				.put("curlMiBpsAllRuns", curl)
				.put("clientToCurl", (curlMedian != null) ? measured / curlMedian : null)
				.put(ScenarioResult.TARGET, "clientToCurl >= 0.9 at -Xmx64m (medians of " + runs + ")")
				.put("targetMet", curlMedian != null && measured / curlMedian >= 0.9);
			return List.of(row);
		}
		finally {
			Workload.delete(directory);
		}
	}

	/**
	 * Downloads with curl into a file, as the client does, and deletes it.
	 * @param url the file's URL on the gateway
	 * @param file where curl writes the download
	 * @param size the file's expected size in bytes; a download of another size counts as
	 * a failure
	 * @return the download speed in MiB/s, or {@code null} when curl is not installed or
	 * fails
	 */
	private static @Nullable Double curl(String url, Path file, long size) throws InterruptedException {
		try {
			Process process = new ProcessBuilder("curl", "-s", "-f", "-o", file.toString(), "-w", "%{speed_download}",
					"-H", "Authorization: Bearer benchmark", url)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || Files.size(file) != size) {
				return null;
			}
			return Double.parseDouble(out) / MIB;
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
		finally {
			Workload.delete(file);
		}
	}

	/**
	 * The child JVM: downloads the file with {@code downloadResultFile}, checks its size,
	 * deletes it; prints one JSON line.
	 * @param args service endpoint, execution id, directory, size, warm-ups, measured
	 * runs
	 * @throws Exception when a download fails
	 */
	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[2]);
		long size = Long.parseLong(args[3]);
		int warmups = Integer.parseInt(args[4]);
		int runs = Integer.parseInt(args[5]);
		Target target = Target.remote(args[0], null, null, null);
		List<Double> speeds = new ArrayList<>();
		double peakHeap = 0;
		double peakLive = 0;
		try (HubServiceClient client = target.clientBuilder().build()) {
			HubServiceExecution execution = client.getServiceExecution(args[1]);
			for (int i = 0; i < warmups + runs; i++) {
				System.gc();
				HeapSampler heap = new HeapSampler();
				long started = System.nanoTime();
				Path file = execution.downloadResultFile(FILE, directory);
				double seconds = Measurements.secondsSince(started);
				heap.close();
				if (Files.size(file) != size) {
					throw new IllegalStateException("downloaded " + Files.size(file) + " bytes, expected " + size);
				}
				Workload.delete(file);
				if (i >= warmups) {
					speeds.add(size / MIB / seconds);
					peakHeap = Math.max(peakHeap, heap.peakUsedMiB());
					peakLive = Math.max(peakLive, heap.peakAfterCollectionMiB());
				}
			}
		}
		double median = Measurements.median(speeds.stream().mapToDouble(Double::doubleValue).toArray());
		ScenarioResult row = new ScenarioResult("5-large-file", "downloadResultFile, -Xmx64m")
			.put("fileMiB", size / MIB)
			.put(ScenarioResult.WALL_SECONDS, size / MIB / median)
			.put("clientMiBps", median)
			.put("clientMiBpsAllRuns", speeds)
			.put(ScenarioResult.PEAK_HEAP_MIB, peakHeap)
			.put("peakHeapAfterGcMiB", peakLive)
			.put(ScenarioResult.MAX_HEAP_MIB, Measurements.maxHeapMiB());
		System.out.println(row.toJson());
		System.exit(0);
	}

}
