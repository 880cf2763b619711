package io.qhub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ResultRetryPolicy;
import io.qhub.service.core.TransportRetryPolicy;
import io.qhub.service.datapool.PlatformEnvironment;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.RecordedRequest;
import io.qhub.test.gateway.ServiceHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak: 10,000 executions through the local gateway, 256 at a time, with 1 % of the calls
 * of every operation failing (503, 429 with {@code Retry-After: 0}, 500 or a connection
 * dropped mid-answer, from a fixed seed whose faults also hit token requests). Each
 * execution runs, waits for its result and, one in ten, downloads its result file.
 * Asserts that every execution is accounted for (a result or a typed
 * {@link HubClientException}; none lost, none started twice: a start is sent again only
 * after a 401, which creates nothing) and that live threads and open connections return
 * to their baseline once the client is closed. Tokens live 5 s and are renewed after 1 s,
 * so under load some requests arrive with an expired token and are answered 401. Bounded:
 * the run fails after {@link #RUN_LIMIT}, the whole test after its {@link Timeout}.
 */
@Tag("soak")
class SoakIntegrationTests {

	private static final int EXECUTIONS = 10_000;

	private static final int CONCURRENCY = 256;

	private static final int WARM_UP_EXECUTIONS = 300;

	/** One in this many executions also downloads its result file. */
	private static final int DOWNLOAD_EVERY = 10;

	private static final double FAULT_RATE = 0.01;

	private static final long SEED = 20_250_626L;

	private static final Duration RUN_LIMIT = Duration.ofMinutes(2);

	private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

	/**
	 * Threads allowed above the baseline afterwards: short-lived helpers such as Netty's
	 * GlobalEventExecutor.
	 */
	private static final int THREAD_TOLERANCE = 2;

	private static final String KEY_ID = "soak-id";

	private static final String SECRET = "soak-secret";

	private static final String FILE = "echo.json";

	private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

	@TempDir
	Path temp;

	@Test
	@Timeout(value = 170, unit = TimeUnit.SECONDS)
	void tenThousandExecutionsWithOnePercentFaultsAreAllAccountedForAndLeakNothing() throws Exception {
		Map<Integer, AtomicInteger> started = new ConcurrentHashMap<>();
		ServiceHandler echo = ServiceHandler.echo();
		ServiceHandler countingEcho = (request) -> {
			if (request.get("index") instanceof Number index) {
				started.computeIfAbsent(index.intValue(), (key) -> new AtomicInteger()).incrementAndGet();
			}
			return echo.handle(request);
		};
		try (LocalHubGateway gateway = LocalHubGateway.builder()
			.accessKey(KEY_ID, SECRET)
			.timing(Duration.ZERO, Duration.ofMillis(30))
			// tokens renewed about every second, so that token requests meet faults too
			.tokenTimeToLive(Duration.ofSeconds(5))
			.handler(countingEcho)
			.faultRate(FAULT_RATE, SEED)
			.start()) {

			// warm-up: starts the shared event loops and schedulers, which outlive any
			// one client
			warmUp(gateway);
			int executionsBefore = gateway.executionCount();
			gateway.resetRecording();
			int threadsBefore = liveThreads();
			List<String> threadNamesBefore = threadNames();
			int connectionsBefore = gateway.openConnections();
			int socketsBefore = establishedSockets(gateway.port());

			Path downloads = Files.createDirectory(this.temp.resolve("downloads"));
			Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
			AtomicIntegerArray outcomesPerIndex = new AtomicIntegerArray(EXECUTIONS);
			long startNanos = System.nanoTime();
			try (HubServiceClient client = client(gateway)) {
				ReactiveHubServiceClient hub = client.reactive();
				List<Path> directories = new ArrayList<>();
				for (int i = 0; i < EXECUTIONS; i++) {
					directories
						.add((i % DOWNLOAD_EVERY == 0) ? Files.createDirectory(downloads.resolve("e" + i)) : null);
				}
				try {
					Flux.range(0, EXECUTIONS)
						.flatMap((i) -> execute(hub, i, directories.get(i)), CONCURRENCY)
						.doOnNext((outcome) -> {
							outcomesPerIndex.incrementAndGet(outcome.index());
							outcomes.add(outcome);
						})
						.then()
						.block(RUN_LIMIT);
				}
				catch (IllegalStateException ex) {
					throw new AssertionError("The soak did not finish within " + RUN_LIMIT + ": " + outcomes.size()
							+ " of " + EXECUTIONS + " executions ended; gateway calls " + gateway.callCounts(), ex);
				}
			}
			double wallSeconds = (System.nanoTime() - startNanos) / 1e9;

			// the client is closed: its pool closes connections in the background, idle
			// threads may linger briefly
			awaitUpTo(SETTLE_LIMIT,
					() -> gateway.openConnections() <= connectionsBefore
							&& establishedSockets(gateway.port()) <= socketsBefore
							&& liveThreads() <= threadsBefore + THREAD_TOLERANCE);
			int threadsAfter = liveThreads();
			int connectionsAfter = gateway.openConnections();
			int socketsAfter = establishedSockets(gateway.port());

			// every execution ended exactly once
			List<Integer> lost = new ArrayList<>();
			List<Integer> endedTwice = new ArrayList<>();
			for (int i = 0; i < EXECUTIONS; i++) {
				if (outcomesPerIndex.get(i) == 0) {
					lost.add(i);
				}
				else if (outcomesPerIndex.get(i) > 1) {
					endedTwice.add(i);
				}
			}
			List<Outcome> results = outcomes.stream().filter((outcome) -> outcome.result() != null).toList();
			List<Outcome> typedErrors = outcomes.stream()
				.filter((outcome) -> outcome.error() instanceof HubClientException)
				.toList();
			List<Outcome> untypedErrors = outcomes.stream()
				.filter((outcome) -> outcome.result() == null && !(outcome.error() instanceof HubClientException))
				.toList();

			// no execution started twice: the client never sent a start again, the
			// gateway never created one twice
			List<Integer> startBodies = gateway.requests(GatewayOperation.START_EXECUTION)
				.stream()
				.map(RecordedRequest::body)
				.map(SoakIntegrationTests::index)
				.toList();
			Map<Integer, Long> sendsPerIndex = startBodies.stream()
				.collect(Collectors.groupingBy((index) -> index, TreeMap::new, Collectors.counting()));
			int resent = startBodies.size() - sendsPerIndex.size();
			Map<Integer, Long> startAnswers = gateway.answeredStatuses(GatewayOperation.START_EXECUTION);
			long finalUnauthorized = typedErrors.stream()
				.filter((outcome) -> outcome.error() instanceof HubApiException api && api.statusCode() == 401
						&& "POST /".equals(api.operation()))
				.count();
			List<Integer> startedTwice = started.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().get() > 1)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			int executionsCreated = gateway.executionCount() - executionsBefore;

			Map<GatewayOperation, Long> faults = new TreeMap<>(gateway.injectedFaultCounts());
			faults.values().removeIf((count) -> count == 0);
			long faultsInjected = faults.values().stream().mapToLong(Long::longValue).sum();
			System.out.printf(Locale.ROOT,
					"SOAK executions=%d results=%d typedErrors=%d faultsInjected=%d (per operation %s) lost=%d "
							+ "duplicates=%d threads before/after=%d/%d connections before/after=%d/%d wall=%.1fs%n",
					EXECUTIONS, results.size(), typedErrors.size(), faultsInjected, faults, lost.size(),
					startedTwice.size(), threadsBefore, threadsAfter, connectionsBefore, connectionsAfter, wallSeconds);
			System.out.println("SOAK typed errors by kind " + kinds(typedErrors) + ", starts answered " + startAnswers
					+ " (sent again after 401: " + resent + "), gateway calls " + gateway.callCounts()
					+ ", sockets before/after " + socketsBefore + "/" + socketsAfter);

			assertThat(lost).as("executions that never ended").isEmpty();
			assertThat(endedTwice).as("executions that ended twice").isEmpty();
			assertThat(untypedErrors).as("executions that failed with an untyped error")
				.extracting(Outcome::describe)
				.isEmpty();
			assertThat(results.size() + typedErrors.size()).isEqualTo(EXECUTIONS);
			assertThat(outcomes).hasSize(EXECUTIONS);

			assertThat(startedTwice).as("indexes the service started more than once").isEmpty();
			assertThat(startBodies).hasSize((int) gateway.callCount(GatewayOperation.START_EXECUTION));
			assertThat((long) executionsCreated).as("executions created = starts answered 201, of %s", startAnswers)
				.isEqualTo(startAnswers.getOrDefault(201, 0L));
			assertThat(started.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(executionsCreated);
			// the client sends a start again only after a 401 (which creates nothing),
			// and only once
			assertThat((long) resent).as("starts sent again = 401 answers not returned to the caller")
				.isEqualTo(startAnswers.getOrDefault(401, 0L) - finalUnauthorized);
			assertThat(sendsPerIndex.values()).as("sends per index")
				.allSatisfy((sends) -> assertThat(sends).isLessThanOrEqualTo(2));

			assertThat(results).allSatisfy((outcome) -> {
				ResultResponse result = outcome.result();
				assertThat(result.properties().get("index")).as("index of result %d", outcome.index())
					.isEqualTo(outcome.index());
				ServiceExecution status = result.embedded().status();
				assertThat(status).isNotNull();
				assertThat(status.status()).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
				assertThat(started.get(outcome.index())).hasValue(1);
				if (outcome.index() % DOWNLOAD_EVERY == 0) {
					assertThat(outcome.file()).isNotNull();
					assertThat(index(Files.readString(outcome.file()))).isEqualTo(outcome.index());
				}
			});
			try (Stream<Path> files = Files.walk(downloads)) {
				List<String> names = files.filter(Files::isRegularFile)
					.map((file) -> file.getFileName().toString())
					.toList();
				assertThat(names).as("files left in the download directories").containsOnly(FILE);
				assertThat(names).hasSize((int) results.stream().filter((outcome) -> outcome.file() != null).count());
			}

			assertThat(faultsInjected).as("faults injected").isPositive();
			assertThat(connectionsAfter).as("connections the gateway holds open").isEqualTo(connectionsBefore);
			assertThat(socketsAfter).as("established sockets to the gateway's port").isEqualTo(socketsBefore);
			assertThat(threadsAfter).as("live threads; new since the baseline: %s", newThreads(threadNamesBefore))
				.isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
		}
	}

	private HubServiceClient client(LocalHubGateway gateway) {
		return HubServiceClient.builder()
			.serviceEndpoint(gateway.serviceEndpoint())
			.tokenEndpoint(gateway.tokenEndpoint())
			.accessKeyId(KEY_ID)
			.secretAccessKey(SECRET)
			.tokenRefreshBeforeExpiry(Duration.ofSeconds(4))
			.polling(new PollingPolicy(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(60)))
			.resultRetry(new ResultRetryPolicy(4, Duration.ofMillis(20), 2.0, Duration.ofMillis(100)))
			.transportRetry(new TransportRetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100), 0.2))
			.platformEnvironment(new PlatformEnvironment(Map.of(), this.temp))
			.build();
	}

	/**
	 * Run → result (→ download); whatever happens ends in exactly one {@link Outcome}.
	 */
	private static Mono<Outcome> execute(ReactiveHubServiceClient hub, int index, @Nullable Path directory) {
		return hub.run(Map.of("index", index))
			.flatMap((execution) -> execution.result()
				.flatMap((result) -> (directory != null)
						? execution.downloadResultFile(FILE, directory)
							.map((file) -> new Outcome(index, result, file, null))
						: Mono.just(new Outcome(index, result, null, null))))
			.switchIfEmpty(Mono.fromSupplier(
					() -> new Outcome(index, null, null, new IllegalStateException("completed without a result"))))
			.onErrorResume((ex) -> Mono.just(new Outcome(index, null, null, ex)));
	}

	/**
	 * A small run with its own client, closed afterwards, so that the baseline includes
	 * what outlives a client: Reactor Netty's event loops and Reactor's shared
	 * schedulers, the latter started up to their caps.
	 */
	private void warmUp(LocalHubGateway gateway) throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("warm-up"));
		try (HubServiceClient client = client(gateway)) {
			ReactiveHubServiceClient hub = client.reactive();
			Flux.range(0, WARM_UP_EXECUTIONS)
				.flatMap((i) -> hub.run(Map.of("warm-up", i))
					.flatMap((execution) -> execution.result()
						.flatMap((result) -> execution.downloadResultFile(FILE, directory)))
					.onErrorResume((ex) -> Mono.empty()), CONCURRENCY)
				.then()
				.block(Duration.ofSeconds(30));
		}
		startAllThreads(Schedulers.boundedElastic(), Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
		startAllThreads(Schedulers.parallel(), Schedulers.DEFAULT_POOL_SIZE);
		awaitUpTo(SETTLE_LIMIT, () -> gateway.openConnections() == 0 && establishedSockets(gateway.port()) == 0);
	}

	/**
	 * Keeps {@code threads} tasks of a scheduler busy at once, so that it starts as many
	 * threads as it may.
	 */
	private static void startAllThreads(Scheduler scheduler, int threads) {
		CountDownLatch allRunning = new CountDownLatch(threads);
		CountDownLatch done = new CountDownLatch(threads);
		for (int i = 0; i < threads; i++) {
			scheduler.schedule(() -> {
				allRunning.countDown();
				try {
					allRunning.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				done.countDown();
			});
		}
		try {
			done.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void awaitUpTo(Duration limit, BooleanSupplier condition) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	private static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	private static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
	}

	private static List<String> newThreads(List<String> before) {
		List<String> now = new ArrayList<>(threadNames());
		before.forEach(now::remove);
		return now;
	}

	/**
	 * Established TCP connections with one end on the gateway's loopback port, both sides
	 * counted, from {@code /proc/net/tcp} and {@code tcp6}; 0 where those files are not
	 * readable.
	 */
	private static int establishedSockets(int port) {
		String end = String.format(Locale.ROOT, "0100007F:%04X", port);
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.isReadable(path)) {
				continue;
			}
			try {
				for (String line : Files.readAllLines(path)) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 3 && fields[3].equals("01")
							&& (fields[1].endsWith(end) || fields[2].endsWith(end))) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return count;
	}

	private static int index(String json) {
		Matcher matcher = INDEX.matcher(json);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	private static Map<String, Long> kinds(List<Outcome> errors) {
		return errors.stream()
			.collect(Collectors.groupingBy((outcome) -> kind(outcome.error()), TreeMap::new, Collectors.counting()));
	}

	private static String kind(Throwable error) {
		if (error instanceof HubApiException api) {
			return api.operation() + " " + api.statusCode();
		}
		String message = String.valueOf(error.getMessage());
		int colon = message.indexOf(':');
		return error.getClass().getSimpleName() + " " + ((colon > 0) ? message.substring(0, colon) : message);
	}

	private record Outcome(int index, @Nullable ResultResponse result, @Nullable Path file, @Nullable Throwable error) {

		String describe() {
			return this.index + ": " + ((this.error != null) ? this.error.toString() : "no error");
		}

	}

}
