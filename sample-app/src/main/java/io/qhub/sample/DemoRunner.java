package io.qhub.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.HubClientException;
import io.qhub.tracking.HubExecutionTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Walks through the whole execution flow once on start and logs it: submit with tags and
 * secrets, the status transitions as they happen, the result, its files (downloaded into
 * {@code sample.demo.results-dir}), the logs, and a second execution (on the named
 * service {@code optimizer}) that is cancelled, a typed request whose result is read as a
 * record, and an execution handed to the {@link HubExecutionTracker}. Secret values are
 * never logged. Off with {@code sample.demo.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.demo.enabled", matchIfMissing = true)
class DemoRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoRunner.class);

	private final HubServiceClient client;

	private final HubServiceClients clients;

	private final Path resultsDirectory;

	private final String ibmToken;

	private final Environment environment;

	private final HubExecutionTracker tracker;

	DemoRunner(HubServiceClient client, HubServiceClients clients, Environment environment, HubExecutionTracker tracker,
			@Value("${sample.demo.results-dir:results}") Path resultsDirectory,
			@Value("${sample.demo.ibm-token:local-demo-token}") String ibmToken) {
		this.client = client;
		this.clients = clients;
		this.resultsDirectory = resultsDirectory;
		this.ibmToken = ibmToken;
		this.environment = environment;
		this.tracker = tracker;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		logger.info("=== Kipu Quantum Hub demo against {} ===", this.client.serviceEndpoint());
		try {
			String id = runToResult();
			cancelSecond(id);
			typedAndTracked();
			String port = this.environment.getProperty("local.server.port");
			logger.info("=== Demo finished.{} ===",
					(port != null)
							? " REST API: POST http://localhost:" + port
									+ "/executions, GET /executions/{id}[/result|/logs], POST /executions/{id}/cancel"
							: "");
		}
		catch (HubClientException ex) {
			logger.error("=== Demo failed: {} ===", ex.getMessage());
		}
	}

	private String runToResult() throws IOException {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("circuit", "bell");
		request.put("shots", 100);
		RunOptions options = RunOptions.none()
			.withTags("sample-app", "demo")
			.withSecrets(Map.of("ibmToken", this.ibmToken));
		// RunOptions.toString() shows secret names only
		logger.info("[1] Submitting {} with {}", request, options);
		ReactiveHubServiceExecution started = Objects.requireNonNull(
				this.client.reactive().run(request, options).block(), "run emits the started execution or fails");
		logger.info("    execution {} created, status {}, tags {}", started.id(), started.status(),
				started.execution().tags());

		logger.info("[2] Watching progress (expected end: {})",
				started.expectedEnd().map(Object::toString).orElse("unknown yet"));
		started.watchProgress()
			.doOnNext((progress) -> logger.info("    status {}, {} ms elapsed, {}", progress.execution().status(),
					progress.elapsed().toMillis(),
					progress.remaining()
						.map((left) -> "expected to end in " + left.toMillis() + " ms")
						.orElse("expected end unknown")))
			.blockLast();

		HubServiceExecution execution = this.client.getServiceExecution(started.id());
		ResultResponse result = execution.result();
		logger.info("[3] Result of {} ({}): {}", execution.id(), execution.status(), result.properties());

		List<String> files = result.fileNames();
		logger.info("[4] Result files: {}", files);
		Files.createDirectories(this.resultsDirectory);
		for (String name : files) {
			Path file = execution.downloadResultFile(name, this.resultsDirectory);
			logger.info("    downloaded {} ({} bytes) to {}", name, Files.size(file), file.toAbsolutePath());
		}

		List<LogEntry> logs = execution.logs();
		logger.info("[5] Logs ({} entries)", logs.size());
		for (LogEntry entry : logs) {
			logger.info("    {} {} {}", entry.timestamp(), entry.severity(), entry.message());
		}
		return execution.id();
	}

	/**
	 * A typed request whose typed result is read, and one handed to the tracker
	 * ({@link CompletionLogger}).
	 */
	private void typedAndTracked() {
		logger.info("[7] Submitting a typed request and reading its result as a record");
		HubServiceExecution typed = this.client.run(new BellCircuit("bell", 200));
		BellCircuit echoed = typed.result(BellCircuit.class);
		logger.info("    result of {} as {}: {}", typed.id(), BellCircuit.class.getSimpleName(), echoed);
		HubServiceExecution tracked = this.client.run(new BellCircuit("ghz", 300));
		String key = this.tracker.track(tracked);
		logger.info("[8] Execution {} handed to the tracker (key {}); its completion is logged when it arrives",
				tracked.id(), key);
	}

	private void cancelSecond(String firstId) {
		String service = this.clients.find("optimizer").isPresent() ? "optimizer" : "default";
		HubServiceClient target = this.clients.get(service);
		logger.info("[6] Submitting a second execution to service '{}' and cancelling it", service);
		HubServiceExecution second = target.run(Map.of("problem", "max-cut", "nodes", 8, "after", firstId),
				RunOptions.none().withTags("sample-app", "to-cancel"));
		logger.info("    execution {} created, status {}", second.id(), second.status());
		ServiceExecution afterCancel = second.cancel();
		logger.info("    cancel requested, status {}", afterCancel.status());
		ServiceExecution last = second.waitForFinalState();
		logger.info("    final status {}", last.status());
	}

	/**
	 * The demo's typed request; the echo service answers it with the same fields, read
	 * back as this record.
	 *
	 * @param circuit the circuit name
	 * @param shots the shots
	 */
	record BellCircuit(String circuit, int shots) {
	}

}
