package io.qhub.service.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qhub.service.client.internal.CallBudget;
import io.qhub.service.client.internal.GatewayTransport;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.datapool.DataPoolReference;
import io.qhub.service.datapool.HubPlatformClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The client of one subscribed Kipu Quantum Hub Managed Service, reactive: every operation as {@code Mono}/{@code Flux},
 * plus {@link #watch(String)}. This is the core; the blocking {@link HubServiceClient} is a thin layer over it. Nothing
 * here blocks a non-blocking thread, so thousands of executions can be awaited concurrently from one thread. Build one
 * with {@link #builder()} (or get it from {@link HubServiceClient#reactive()}); it owns its connection pool until
 * {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (ReactiveHubServiceClient hub = ReactiveHubServiceClient.builder().serviceEndpoint(endpoint).buildReactive()) {
 *     List<ResultResponse> results = Flux.range(0, 1000)
 *         .flatMap((i) -> hub.run(Map.of("values", List.of(i))).flatMap(hub::result), 256)
 *         .collectList()
 *         .block();
 * }
 * }</pre>
 */
public final class ReactiveHubServiceClient implements AutoCloseable {

	private final GatewayTransport transport;

	private final ReactiveServiceApiClient api;

	private final HubPlatformClient platform;

	private final boolean ownsPlatform;

	private final ExecutionPoller poller;

	private final ResultFetcher results;

	private final ResultFileDownloader downloader = new ResultFileDownloader();

	private final ResultConverter converter = new ResultConverter();

	private final PollingPolicy polling;

	private final ExecutionWaitObserver waitObserver;

	private final ExecutionTimes times = new ExecutionTimes();

	private final Clock clock;

	private final AtomicBoolean closed = new AtomicBoolean();

	ReactiveHubServiceClient(GatewayTransport transport, HubPlatformClient platform, boolean ownsPlatform,
			PollingPolicy polling, ResultRetryPolicy resultRetry, Sleeper sleeper, Clock clock,
			ExecutionWaitObserver waitObserver) {
		this.transport = transport;
		this.api = new ReactiveServiceApiClient(transport);
		this.platform = platform;
		this.ownsPlatform = ownsPlatform;
		this.polling = polling;
		this.waitObserver = waitObserver;
		this.clock = clock;
		this.poller = new ExecutionPoller(this.api::getStatus, this.times, sleeper, clock);
		this.results = new ResultFetcher((id) -> this.api.getResult(id, CallBudget.SINGLE_ATTEMPT), resultRetry,
				sleeper);
	}

	/**
	 * Starts building a client; finish with {@link HubServiceClientBuilder#buildReactive()}.
	 * @return a new builder
	 */
	public static HubServiceClientBuilder builder() {
		return new HubServiceClientBuilder();
	}

	/**
	 * The low-level gateway operations.
	 * @return the reactive API client
	 */
	public ReactiveServiceApiClient api() {
		return this.api;
	}

	/**
	 * The service endpoint this client talks to, without a trailing slash, user-info masked.
	 * @return the endpoint URL
	 */
	public String serviceEndpoint() {
		return this.transport.serviceEndpoint();
	}

	/**
	 * Whether the client runs without a key pair (a random bearer token, no token requests).
	 * @return {@code true} without credentials
	 */
	public boolean isAnonymous() {
		return this.transport.isAnonymous();
	}

	/**
	 * The default polling policy of {@link #watch(String)} and {@link #waitForFinalState(ServiceExecution)}.
	 * @return the policy
	 */
	public PollingPolicy pollingPolicy() {
		return this.polling;
	}

	/**
	 * Starts an execution with the request as it is.
	 * @param request the service's parameters: a map by name (not changed), or a record or bean, sent as its
	 * properties through the client's mapper
	 * @return the new execution
	 */
	public Mono<ServiceExecution> run(Object request) {
		return run(request, RunOptions.none());
	}

	/**
	 * Starts an execution, adding secrets and tags where the request does not hold {@code $secrets} or
	 * {@code $tags} already, and a {@link DataPoolReference} with a freshly acquired (or cached) grant JWT under
	 * each grant's name, replacing what the request holds there. Sent once: a start that may have reached the
	 * gateway is never retried.
	 * @param request the service's parameters: a map by name (not changed), or a record or bean, sent as its
	 * properties through the client's mapper; either way {@code $tags}, {@code $secrets} and grants follow the
	 * same rules
	 * @param options secrets, tags and grants
	 * @return the new execution; fails with {@code IllegalStateException("apiKey is required for data pool grant
	 * acquisition")} before any request when grants are given but no platform API key is configured, and with an
	 * {@code IllegalArgumentException} naming the path when the request is not JSON data or not a JSON object
	 */
	public Mono<ServiceExecution> run(Object request, RunOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		Map<String, ?> fields;
		try {
			fields = this.transport.requestFields(request);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		Mono<List<Map.Entry<String, DataPoolReference>>> grants = options.grants().isEmpty() ? Mono.just(List.of())
				: Flux.fromIterable(options.grants())
					.flatMapSequential((grant) -> this.platform.grant(grant)
						.map((token) -> Map.entry(grant.name(), new DataPoolReference(grant.datapoolId(), token))))
					.collectList();
		return grants.flatMap((references) -> {
				Map<String, Object> body = options.applyTo(fields);
				List<String> secrets = new ArrayList<>(options.secrets().values());
				references.forEach((reference) -> {
					body.put(reference.getKey(), reference.getValue());
					secrets.add(Objects.requireNonNull(reference.getValue().grant()));
				});
				return this.transport.startExecution(body, secrets);
			})
			.doOnNext(this::submitted)
			.onTerminateDetach();
	}

	/** Remembers when an execution started here was submitted, for the learned polling schedule. */
	private void submitted(ServiceExecution execution) {
		if (this.polling.learning() && execution.id() != null && !execution.status().isFinal()) {
			this.times.submitted(execution.id(), this.clock.instant());
		}
	}

	/**
	 * For a caller that polls executions by itself, such as {@code HubExecutionTracker}: the delay before the next
	 * status poll of an execution on this client's schedule, learned from its earlier executions where it submitted
	 * this one and has seen similar ones finish (see {@link PollingPolicy}), else the policy's doubling schedule.
	 * @param id the execution id
	 * @param polls the polls made so far, all of which saw it running
	 * @return the delay, at most {@code maxInterval}
	 */
	public Duration nextPollDelay(String id, int polls) {
		return this.poller.nextDelay(Objects.requireNonNull(id, "id must not be null"), polls, this.polling);
	}

	/**
	 * For a caller that polls executions by itself: reports that a poll sent at {@code finalAt} saw an execution
	 * final that the previous poll, sent at {@code stillRunningAt}, saw running, so the learned schedule learns from
	 * it as from this client's own waits (only for executions this client submitted).
	 * @param id the execution id
	 * @param stillRunningAt when the last poll that saw it running was sent, {@code null} when none did (only its
	 * submission saw it running)
	 * @param finalAt when the poll that saw it final was sent
	 */
	public void seenFinal(String id, @Nullable Instant stillRunningAt, Instant finalAt) {
		if (this.polling.learning()) {
			this.poller.learnFinal(id, stillRunningAt, finalAt);
		}
	}

	/**
	 * The platform client grants are acquired with, when it has an API key.
	 * @return the platform client, or empty
	 */
	public Optional<HubPlatformClient> platformClient() {
		return this.platform.hasApiKey() ? Optional.of(this.platform) : Optional.empty();
	}

	/**
	 * One execution's current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public Mono<ServiceExecution> getServiceExecution(String id) {
		return this.api.getStatus(id);
	}

	/**
	 * Every execution visible to the application.
	 * @return the executions
	 */
	public Flux<ServiceExecution> getServiceExecutions() {
		return this.api.getServiceExecutions().flatMapIterable((executions) -> executions);
	}

	/**
	 * Follows an execution: emits its current state, then each status change, and completes after the final
	 * state; fails with {@link ExecutionTimeoutException} after the default polling timeout.
	 * @param id the execution id
	 * @return the states, one per status
	 */
	public Flux<ServiceExecution> watch(String id) {
		return this.api.getStatus(id).flatMapMany(this::watch);
	}

	/**
	 * Follows an execution from a known state (no call is made for it): emits it, then each status change, and
	 * completes after the final state.
	 * @param execution the last known state
	 * @return the states, one per status
	 */
	public Flux<ServiceExecution> watch(ServiceExecution execution) {
		return this.poller.poll(execution, this.polling).distinctUntilChanged(ServiceExecution::status);
	}

	/**
	 * Waits for a final state under the default polling policy. Makes no call when the state is already final.
	 * @param execution the last known state
	 * @return the final state
	 */
	public Mono<ServiceExecution> waitForFinalState(ServiceExecution execution) {
		return waitForFinalState(execution, this.polling);
	}

	/**
	 * Waits for a final state, at most {@code timeout}: every request within the wait (a token request included)
	 * is cut at its deadline, which then fails with {@link ExecutionTimeoutException} carrying the last state seen.
	 * @param execution the last known state
	 * @param timeout the longest wait
	 * @return the final state
	 */
	public Mono<ServiceExecution> waitForFinalState(ServiceExecution execution, Duration timeout) {
		return waitForFinalState(execution, this.polling.withTimeout(timeout));
	}

	/**
	 * Waits for a final state, at most {@code timeout}, polling at least every {@code wait}.
	 * @param execution the last known state
	 * @param timeout the longest wait
	 * @param wait the longest delay between two polls
	 * @return the final state
	 */
	public Mono<ServiceExecution> waitForFinalState(ServiceExecution execution, Duration timeout, Duration wait) {
		return waitForFinalState(execution, this.polling.withTimeout(timeout).withMaxInterval(wait));
	}

	private Mono<ServiceExecution> waitForFinalState(ServiceExecution execution, PollingPolicy policy) {
		if (execution.status().isFinal()) {
			return Mono.just(execution);
		}
		return this.waitObserver.observe(execution, this.poller.poll(execution, policy).last());
	}

	/**
	 * Checks that a gateway token can be obtained: completes when the cached token is still valid or a new one
	 * was issued, fails with {@link HubTokenException} or {@link HubTransportException} otherwise. Calls no service
	 * operation; without a key pair it completes at once.
	 * @return completes when the credentials work
	 */
	public Mono<Void> checkCredentials() {
		return this.transport.checkCredentials();
	}

	/**
	 * Checks now, as a health check would, that the token endpoint is reachable and issues a token for the key
	 * pair: one token request (a cached token does not count), no retry, within {@code timeout} (and the call
	 * timeout); the new token replaces the cached one. Calls no service operation; without a key pair it completes
	 * at once.
	 * @param timeout the longest time the check takes, positive
	 * @return completes when a token was issued; fails with {@link HubTokenException} (refused, with its OAuth2
	 * error code) or {@link HubTransportException} (unreachable, timed out, TLS)
	 */
	public Mono<Void> probe(Duration timeout) {
		Settings.requirePositive(timeout, "timeout");
		return this.transport.probe(timeout);
	}

	/**
	 * The result of an execution: waits for its final state (default timeout; no call when already final), then
	 * fetches the result, retrying what can succeed later. A FAILED or CANCELLED execution yields its result
	 * response too, as the official SDK does.
	 * @param execution the last known state
	 * @return the result
	 */
	public Mono<ResultResponse> result(ServiceExecution execution) {
		return waitForFinalState(execution).flatMap((last) -> this.results.fetch(last.id()));
	}

	/**
	 * The result's output fields read as an application type: see {@link HubServiceExecution#result(Class)}.
	 * @param <T> the type
	 * @param execution the last known state
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value; fails with a {@link ResultConversionException} naming the type and the field
	 */
	public <T> Mono<T> result(ServiceExecution execution, Class<T> type) {
		return result(execution).map((result) -> asType(execution.id(), result, type));
	}

	/**
	 * A result's output fields as an application type (no call).
	 * @param <T> the type
	 * @param id the execution id, for the error
	 * @param result the result
	 * @param type the type
	 * @return the value
	 * @throws ResultConversionException naming the type and the field
	 */
	<T> T asType(@Nullable String id, ResultResponse result, Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return this.converter.convert(result.properties(), type, "The result of execution " + id);
	}

	/**
	 * A JSON result file read as an application type: see {@link HubServiceExecution#resultFile(String, Class)}.
	 * @param <T> the type
	 * @param id the execution id
	 * @param name the file name
	 * @param type the type
	 * @return the value
	 */
	public <T> Mono<T> resultFile(String id, String name, Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return this.transport.getResultFileBytes(id, name)
			.map((json) -> this.converter.read(json, type, "Result file '" + name + "' of execution " + id));
	}

	/**
	 * The result of an execution by id: fetches its state, then as {@link #result(ServiceExecution)}.
	 * @param id the execution id
	 * @return the result
	 */
	public Mono<ResultResponse> result(String id) {
		return this.api.getStatus(id).flatMap(this::result);
	}

	/**
	 * Fetches the result of an execution known to be final, with the result retry, without polling its status.
	 * @param id the execution id
	 * @return the result
	 */
	Mono<ResultResponse> fetchResult(String id) {
		return this.results.fetch(id);
	}

	/**
	 * Names of an execution's downloadable result files (after waiting for its result).
	 * @param execution the last known state
	 * @return the file names
	 */
	public Mono<List<String>> resultFiles(ServiceExecution execution) {
		return result(execution).map(ResultResponse::fileNames);
	}

	/**
	 * Streams one result file. The subscriber must release each buffer.
	 * @param id the execution id
	 * @param name the file name
	 * @return the file's bytes
	 */
	public Flux<DataBuffer> resultFile(String id, String name) {
		return this.api.getResultFile(id, name);
	}

	/**
	 * Downloads one result file into a directory, atomically: see {@link HubServiceExecution#downloadResultFile}.
	 * @param id the execution id
	 * @param name the file name
	 * @param targetDirectory an existing directory
	 * @return the path written
	 */
	public Mono<Path> downloadResultFile(String id, String name, Path targetDirectory) {
		return Mono.defer(
				() -> this.downloader.download(name, targetDirectory, () -> this.api.getResultFile(id, name)));
	}

	/**
	 * Cancels a pending or running execution.
	 * @param id the execution id
	 * @return the execution's state after cancelling
	 */
	public Mono<ServiceExecution> cancel(String id) {
		return this.api.cancelExecution(id);
	}

	/**
	 * The execution's log, oldest entry first.
	 * @param id the execution id
	 * @return the entries
	 */
	public Mono<List<LogEntry>> logs(String id) {
		return this.api.getLogs(id);
	}

	/**
	 * Releases the connection pool (and that of the platform client the client built itself). Calls made
	 * afterwards fail with a {@link HubClientException}. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.transport.close();
			if (this.ownsPlatform) {
				this.platform.close();
			}
		}
	}

	@Override
	public String toString() {
		return "ReactiveHubServiceClient[" + this.transport + "]";
	}

}
