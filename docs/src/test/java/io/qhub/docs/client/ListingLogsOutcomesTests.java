package io.qhub.docs.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.qhub.service.client.CancelRefusedException;
import io.qhub.service.client.ExecutionFilter;
import io.qhub.service.client.ExecutionNotSucceededException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LogLine;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snippets of the reference guide's sections "Listing executions", "Following logs"
 * and "Outcomes" (the regions between {@code tag::} and {@code end::} comments), run
 * against a {@link LocalHubGateway} so they stay true.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListingLogsOutcomesTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMillis(300))
		.handler((request) -> Boolean.TRUE.equals(request.get("fail"))
				? ServiceOutcome.failure("no convergence after 100 iterations")
				: ServiceOutcome.success(Map.of("energy", -1.137))
					.withLogs(List.of(LogLine.info("iteration 1").at(Duration.ZERO),
							LogLine.info("iteration 2").at(Duration.ofMillis(100)), LogLine.info("converged"))))
		.start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.build();

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void listing() {
		HubServiceClient client = this.client;
		client.run(Map.of("fail", true), RunOptions.none().withTags("nightly")).waitForFinalState();
		// tag::list[]
		ExecutionFilter failedLastDay = ExecutionFilter.all()
			.withStatuses(ServiceExecutionStatus.FAILED, ServiceExecutionStatus.CANCELLED)
			.withTags("nightly")
			.withCreatedAfter(Instant.now().minus(Duration.ofDays(1)))
			.newestFirst(20); // the 20 newest, newest first
		List<HubServiceExecution> failed = client.getServiceExecutions(failedLastDay);
		// end::list[]
		// tag::list-stream[]
		long running;
		try (Stream<HubServiceExecution> all = client
			.streamServiceExecutions(ExecutionFilter.all().withStatuses(ServiceExecutionStatus.RUNNING))) {
			running = all.count(); // one execution held at a time, however long the list
		}
		// end::list-stream[]
		// tag::list-reactive[]
		Flux<ReactiveHubServiceExecution> newest = client.reactive()
			.getServiceExecutions(ExecutionFilter.all().newestFirst(10));
		// end::list-reactive[]
		assertThat(failed).hasSize(1);
		assertThat(running).isZero();
		assertThat(newest.collectList().block()).hasSize(1);
	}

	@Test
	void followingLogs() {
		HubServiceClient client = this.client;
		List<String> lines = new ArrayList<>();
		// tag::follow-logs[]
		HubServiceExecution execution = client.run(Map.of("molecule", "H2"));
		try (Stream<LogEntry> log = execution.followLogs()) {
			log.forEach((entry) -> lines.add(entry.severity() + " " + entry.message()));
		}
		// the stream ends after the final state: the status is known now
		ServiceExecutionStatus status = execution.status();
		// end::follow-logs[]
		// tag::follow-logs-reactive[]
		Flux<LogEntry> followed = client.reactive()
			.run(Map.of("molecule", "LiH"))
			.flatMapMany((started) -> started.followLogs(Duration.ofMinutes(30)));
		// end::follow-logs-reactive[]
		assertThat(lines).containsExactly("INFO iteration 1", "INFO iteration 2", "INFO converged");
		assertThat(status).isEqualTo(ServiceExecutionStatus.SUCCEEDED);
		assertThat(followed.map(LogEntry::message).collectList().block()).containsExactly("iteration 1", "iteration 2",
				"converged");
	}

	@Test
	void outcomes() {
		HubServiceClient client = this.client;
		String said = "";
		// tag::outcomes[]
		HubServiceExecution execution = client.run(Map.of("fail", true));
		try {
			Energy energy = execution.successfulResult(Energy.class);
			said = "energy " + energy.energy();
		}
		catch (ExecutionNotSucceededException ex) {
			// FAILED or CANCELLED, with the last log lines (secrets the client knows
			// redacted)
			said = ex.status() + ": " + ex.lastLogLines().get(ex.lastLogLines().size() - 1).message();
		}
		// end::outcomes[]
		assertThat(said).isEqualTo("FAILED: no convergence after 100 iterations");
		String refused = "";
		this.gateway.inject(InjectedFault.answer(GatewayOperation.CANCEL_EXECUTION, 409, "application/json",
				"{\"error\":\"ended\"}"));
		// tag::cancel-refused[]
		try {
			execution.cancel();
		}
		catch (CancelRefusedException ex) {
			// the status was read again after the refusal
			refused = "not cancelled, it is " + ex.status();
		}
		// end::cancel-refused[]
		assertThat(refused).isEqualTo("not cancelled, it is FAILED");
	}

	/**
	 * The result type of the snippets.
	 *
	 * @param energy the energy found
	 */
	public record Energy(double energy) {
	}

}
