package io.qhub.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceHandler;
import io.qhub.test.gateway.ServiceOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pipeline the batch and scale scenarios measure, once per execution: run, wait for
 * the final state, fetch the result, list its files and download each into a directory.
 * Blocking and reactive.
 */
public final class Workload {

	/** Key pair of the local gateways that require tokens. */
	public static final String ACCESS_KEY_ID = "bench-id";

	/** Secret of {@link #ACCESS_KEY_ID}. */
	public static final String SECRET_ACCESS_KEY = "bench-secret";

	private Workload() {
	}

	/**
	 * A service that answers execution {@code i} with one small result file
	 * {@code out-}<em>i</em>{@code .txt}.
	 * @return the handler
	 */
	public static ServiceHandler oneSmallFile() {
		return (request) -> {
			String index = String.valueOf(request.get("i"));
			return ServiceOutcome.success(Map.of("i", index))
				.withFile("out-" + index + ".txt", ResultFile.text("result of execution " + index + "\n"));
		};
	}

	/**
	 * A local gateway requiring tokens whose executions run for {@code duration} and
	 * write one small file.
	 * @param duration how long each execution runs (no pending time)
	 * @return the started gateway
	 */
	public static LocalHubGateway gateway(Duration duration) {
		return LocalHubGateway.builder()
			.accessKey(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
			.timing(Duration.ZERO, duration)
			.handler(oneSmallFile())
			.start();
	}

	/**
	 * The pipeline for one execution through the blocking client.
	 * @param client the client
	 * @param index the execution's index
	 * @param directory where files go
	 * @param keep whether downloaded files are kept (deleted otherwise)
	 */
	public static void blocking(io.qhub.service.client.HubServiceClient client, int index, Path directory,
			boolean keep) {
		HubServiceExecution execution = client.run(Map.of("i", index));
		execution.waitForFinalState();
		execution.result();
		for (String name : execution.resultFiles()) {
			Path file = execution.downloadResultFile(name, directory);
			if (!keep) {
				delete(file);
			}
		}
	}

	/**
	 * The pipeline for one execution through the reactive client; the result is fetched
	 * once and its file names come from it.
	 * @param hub the reactive client
	 * @param index the execution's index
	 * @param directory where files go
	 * @param keep whether downloaded files are kept (deleted otherwise)
	 * @return completes when the files are on disk
	 */
	public static Mono<Void> reactive(ReactiveHubServiceClient hub, int index, Path directory, boolean keep) {
		return hub.run(Map.of("i", index))
			.flatMap((execution) -> execution.result()
				.flatMapMany((result) -> Flux.fromIterable(result.fileNames()))
				.concatMap((name) -> execution.downloadResultFile(name, directory))
				.doOnNext((file) -> {
					if (!keep) {
						delete(file);
					}
				})
				.then());
	}

	/**
	 * A new temporary directory.
	 * @param prefix its name's prefix
	 * @return the directory
	 */
	public static Path temporaryDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a file or a directory tree, quietly.
	 * @param path the path
	 */
	public static void delete(Path path) {
		try (Stream<Path> tree = Files.walk(path)) {
			tree.sorted(Comparator.reverseOrder()).forEach((each) -> each.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: a temporary directory
		}
	}

}
