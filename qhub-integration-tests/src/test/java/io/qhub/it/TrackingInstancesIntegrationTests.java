package io.qhub.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.qhub.service.client.HubServiceClient;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.tracking.JdbcTrackedExecutionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking instances as separate JVMs ({@link TrackerInstance}) on one real PostgreSQL,
 * killed the way operators and orchestrators kill them, against a {@link LocalHubGateway}
 * in this JVM. Each completion is counted from the files the instances' listeners append
 * to before returning. Cases: an instance killed with {@code kill -9} once it has claimed
 * every execution, its successor started at once with the executions still running and
 * its first polls answered after 1.5 s (the restart race: a 1 s lease and 100 ms tick, so
 * the slow first polls outlive their claims), in rounds; a SIGTERM'd instance releases
 * its claims, so its successor delivers well within one (30 s) lease; two instances whose
 * clocks are 10 s apart, with status answers taking 150 ms. No instance is killed between
 * delivering and recording (the executions are still running when it dies), so every
 * completion must be delivered exactly once.
 */
class TrackingInstancesIntegrationTests {

	private static final Duration RUN = Duration.ofSeconds(6);

	private final LocalHubGateway gateway = LocalHubGateway.builder().timing(Duration.ZERO, RUN).start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.build();

	private final List<Process> instances = new ArrayList<>();

	@TempDir
	Path files;

	private JdbcTrackedExecutionStore store;

	private JdbcTemplate jdbc;

	@BeforeAll
	static void startDatabase() {
		EmbeddedDatabases.start();
	}

	@AfterAll
	static void stopDatabase() {
		EmbeddedDatabases.stop();
	}

	@BeforeEach
	void emptyTable() {
		DataSource dataSource = EmbeddedDatabases.freshTrackingTable(EmbeddedDatabases.dataSource("postgresql"),
				"postgresql");
		this.jdbc = new JdbcTemplate(dataSource);
		this.store = new JdbcTrackedExecutionStore(dataSource);
	}

	@AfterEach
	void stop() throws Exception {
		for (Process instance : this.instances) {
			instance.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		this.client.close();
		this.gateway.close();
	}

	@Test
	void anInstanceKilledWhileItsFirstPollsAreInFlightAndItsSuccessorDeliverEachCompletionOnce() throws Exception {
		Set<String> all = new HashSet<>();
		for (int round = 1; round <= 2; round++) {
			Set<String> keys = track(20);
			all.addAll(keys);
			Process killed = start("a" + round, "PT1S", "PT0.1S", "PT0S");
			awaitPolls(killed, 20);
			killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			// the successor's first polls answer after 1.5 s, longer than its 0.9 s
			// claims
			this.gateway.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofMillis(1500), 20));
			start("b" + round, "PT1S", "PT0.1S", "PT0S");
			awaitDelivered(keys);
		}
		Map<String, Integer> deliveries = deliveries();
		assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(all);
		assertThat(deliveries).allSatisfy((key, times) -> assertThat(times).as(key).isOne());
		assertThat(lines("a1")).as("the killed instances delivered nothing").isEmpty();
		assertThat(lines("a2")).isEmpty();
		awaitEmptyStore();
	}

	@Test
	void aSigtermedInstanceReleasesItsClaimsSoItsSuccessorNeedNotWaitALease() throws Exception {
		Set<String> keys = track(10);
		Process stopped = start("a", "PT30S", "PT1S", "PT0S");
		awaitPolls(stopped, 10);
		long sigterm = System.nanoTime();
		stopped.destroy();
		assertThat(stopped.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM " + JdbcTrackedExecutionStore.TABLE + " WHERE LEASE_OWNER = 'a'", Long.class))
			.as("claims held by the stopped instance")
			.isZero();
		start("b", "PT30S", "PT1S", "PT0S");
		awaitDelivered(keys);
		double took = (System.nanoTime() - sigterm) / 1e9;
		assertThat(took).as("delivered by the successor well within one 30 s lease").isLessThan(25);
		assertThat(deliveries()).hasSize(10).allSatisfy((key, times) -> assertThat(times).as(key).isOne());
		System.out.printf(
				"METRIC tracking: successor of a SIGTERM'd instance delivered all 10 in %.1f s " + "(lease 30 s)%n",
				took);
	}

	@Test
	void twoInstancesWhoseClocksDifferByTenSecondsDeliverEachCompletionOnce() throws Exception {
		this.gateway.inject(InjectedFault.latency(GatewayOperation.GET_STATUS, Duration.ofMillis(150), 100_000));
		// at most 4 polls in flight each, so both instances claim from every batch
		start("now", "PT1S", "PT0.1S", "PT0S", 4);
		start("ahead", "PT1S", "PT0.1S", "PT10S", 4);
		Set<String> keys = track(20);
		long tracked = System.nanoTime();
		awaitDelivered(keys);
		double took = (System.nanoTime() - tracked) / 1e9;
		Map<String, Integer> deliveries = deliveries();
		assertThat(deliveries).hasSize(20).allSatisfy((key, times) -> assertThat(times).as(key).isOne());
		assertThat(lines("ahead")).as("the instance ahead delivered some").isNotEmpty();
		assertThat(lines("now")).as("the other too").isNotEmpty();
		System.out.printf("METRIC tracking: clocks 10 s apart: %d of 20 delivered by the instance ahead, %d by "
				+ "the other, none twice, all in %.1f s%n", lines("ahead").size(), lines("now").size(), took);
	}

	private Set<String> track(int count) {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < count; i++) {
			String id = this.client.run(Map.of("i", i)).id();
			this.store.add("default", id, Duration.ZERO);
			keys.add("default/" + id);
		}
		return keys;
	}

	private Process start(String instance, String lease, String tick, String clockOffset) throws IOException {
		return start(instance, lease, tick, clockOffset, 32);
	}

	private Process start(String instance, String lease, String tick, String clockOffset, int maxConcurrency)
			throws IOException {
		Path out = this.files.resolve(instance + ".out");
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				TrackerInstance.class.getName(), EmbeddedDatabases.postgresUrl(), this.gateway.serviceEndpoint(),
				instance, lease, tick, this.files.resolve(instance + ".delivered").toString(), clockOffset,
				Integer.toString(maxConcurrency))
			.redirectOutput(out.toFile())
			.redirectError(this.files.resolve(instance + ".err").toFile())
			.start();
		this.instances.add(process);
		return process;
	}

	/**
	 * Waits until the instance has claimed every tracked execution at least once (its
	 * claim made them not due), without waiting for an answer.
	 */
	private void awaitPolls(Process instance, int count) throws Exception {
		TrackingStack.await("the instance claimed " + count + " executions", Duration.ofSeconds(30),
				() -> claimedOnce() >= count || !instance.isAlive());
		assertThat(instance.isAlive()).as("the instance runs").isTrue();
	}

	private long claimedOnce() {
		Long claimed = this.jdbc
			.queryForObject("SELECT COUNT(*) FROM " + JdbcTrackedExecutionStore.TABLE + " WHERE CLAIM > 0", Long.class);
		return (claimed != null) ? claimed : 0;
	}

	private void awaitDelivered(Set<String> keys) throws Exception {
		TrackingStack.await(keys.size() + " completions delivered", Duration.ofSeconds(60),
				() -> deliveries().keySet().containsAll(keys));
	}

	private void awaitEmptyStore() throws Exception {
		TrackingStack.await("an empty store", Duration.ofSeconds(10), () -> this.store.list(1).isEmpty());
	}

	private Map<String, Integer> deliveries() {
		Map<String, Integer> deliveries = new HashMap<>();
		try (var files = Files.list(this.files)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".delivered")).toList()) {
				for (String key : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					deliveries.merge(key, 1, Integer::sum);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return deliveries;
	}

	private List<String> lines(String instance) throws IOException {
		Path file = this.files.resolve(instance + ".delivered");
		return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
	}

}
