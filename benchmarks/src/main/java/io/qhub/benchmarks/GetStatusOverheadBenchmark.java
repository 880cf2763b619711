package io.qhub.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Scenario 6, overhead: one {@code getStatus} round trip through {@link HubServiceClient}
 * (filters, token, transport retry, JSON decoding into {@link ServiceExecution}) against
 * a bare {@link WebClient} GET of the same URL on the same loopback gateway, decoding
 * only the bytes. Average time per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GetStatusOverheadBenchmark {

	private @Nullable LocalHubGateway gateway;

	private @Nullable HubServiceClient client;

	private @Nullable WebClient bare;

	private String id = "";

	private String url = "";

	/** Starts the gateway, one execution (PENDING for an hour) and both clients. */
	@Setup(Level.Trial)
	public void start() {
		LocalHubGateway gateway = LocalHubGateway.builder().timing(Duration.ofHours(1), Duration.ZERO).start();
		this.gateway = gateway;
		Target target = Target.local(gateway, null, null);
		this.client = target.clientBuilder().build();
		this.id = this.client.run(Map.of("i", 0)).id();
		this.url = gateway.serviceEndpoint() + "/" + this.id;
		this.bare = WebClient.builder().build();
	}

	/** Stops the clients and the gateway. */
	@TearDown(Level.Trial)
	public void stop() {
		if (this.client != null) {
			this.client.close();
		}
		if (this.gateway != null) {
			this.gateway.close();
		}
	}

	/**
	 * One status call through the client's blocking API.
	 * @return the state
	 */
	@Benchmark
	public ServiceExecution hubServiceClient() {
		return Objects.requireNonNull(this.client, "started in start()").api().getStatus(this.id);
	}

	/**
	 * The same GET through a bare {@link WebClient}, with a bearer header, decoding the
	 * bytes only.
	 * @return the body
	 */
	@Benchmark
	public byte @Nullable [] bareWebClient() {
		return Objects.requireNonNull(this.bare, "started in start()")
			.get()
			.uri(this.url)
			.header(HttpHeaders.AUTHORIZATION, "Bearer benchmark")
			.retrieve()
			.bodyToMono(byte[].class)
			.block();
	}

}
