package io.qhub.service.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.qhub.service.datapool.DataPoolReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * The reactive core of {@link HubServiceClient}: every execution operation as {@code Mono}/{@code Flux}, plus
 * {@link #watch(String)}. The blocking {@link HubServiceExecution} is a thin layer over these methods. Nothing here
 * blocks a non-blocking thread, so thousands of executions can be awaited concurrently from one thread. Obtain it
 * with {@link HubServiceClient#reactive()}. Thread-safe.
 *
 * <pre>{@code
 * ReactiveHubServiceClient hub = client.reactive();
 * Flux.range(0, 1000)
 *     .flatMap((i) -> hub.run(Map.of("values", List.of(i))).flatMap(hub::result), 256)
 *     .collectList()
 *     .block();
 * }</pre>
 */
public final class ReactiveHubServiceClient {

	private final ReactiveServiceApiClient api;

	private final ExecutionPoller poller;

	private final ResultFetcher results;

	private final ResultFileDownloader downloader = new ResultFileDownloader();

	private final PollingPolicy polling;

	private final ExecutionWaitObserver waitObserver;

	private final Mono<Void> credentialsCheck;

	private final HubPlatformClient platform;

	private final @Nullable DataPoolGrantCache grants;

	ReactiveHubServiceClient(ReactiveServiceApiClient api, PollingPolicy polling, ResultRetryPolicy resultRetry,
			Sleeper sleeper, java.time.Clock clock, ExecutionWaitObserver waitObserver, Mono<Void> credentialsCheck,
			HubPlatformClient platform) {
		this.api = api;
		this.platform = platform;
		this.grants = platform.hasApiKey() ? new DataPoolGrantCache(platform.dataPoolGrants(), clock) : null;
		this.polling = polling;
		this.waitObserver = waitObserver;
		this.credentialsCheck = credentialsCheck;
		this.poller = new ExecutionPoller(api::getStatus, sleeper, clock);
		this.results = new ResultFetcher(api::getResult, resultRetry, sleeper);
	}

	/**
	 * The low-level gateway operations.
	 * @return the reactive API client
	 */
	public ReactiveServiceApiClient api() {
		return this.api;
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
	 * @param request the service's parameters by name; not changed
	 * @return the new execution
	 */
	public Mono<ServiceExecution> run(Map<String, ?> request) {
		return run(request, RunOptions.none());
	}

	/**
	 * Starts an execution, adding secrets and tags where the request does not hold {@code $secrets} or
	 * {@code $tags} already, and a {@link DataPoolReference} with a freshly acquired (or cached) grant JWT under
	 * each grant's name, replacing what the request holds there. Sent once: a start that may have reached the
	 * gateway is never retried.
	 * @param request the service's parameters by name; not changed
	 * @param options secrets, tags and grants
	 * @return the new execution; fails with {@code IllegalStateException("apiKey is required for data pool grant
	 * acquisition")} before any request when grants are given but no platform API key is configured
	 */
	public Mono<ServiceExecution> run(Map<String, ?> request, RunOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		if (options.grants().isEmpty()) {
			return this.api.startExecution(options.applyTo(request));
		}
		DataPoolGrantCache cache = this.grants;
		if (cache == null) {
			return Mono.error(() -> new IllegalStateException(HubPlatformClient.API_KEY_REQUIRED,
					this.platform.credentialsProblem()));
		}
		return Flux.fromIterable(options.grants())
			.flatMapSequential((grant) -> cache.token(grant)
				.map((token) -> Map.entry(grant, new DataPoolReference(grant.datapoolId(), token))))
			.collectList()
			.flatMap((references) -> {
				Map<String, Object> body = options.applyTo(request);
				references.forEach((entry) -> body.put(entry.getKey().name(), entry.getValue()));
				return this.api.startExecution(body);
			});
	}

	/**
	 * The platform client grants are acquired with, when it has an API key.
	 * @return the platform client, or empty
	 */
	public java.util.Optional<HubPlatformClient> platformClient() {
		return this.platform.hasApiKey() ? java.util.Optional.of(this.platform) : java.util.Optional.empty();
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
	 * Waits for a final state, at most {@code timeout}.
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
	 * was issued, fails with {@link HubTokenException} otherwise. Calls no service operation; without a key pair
	 * it completes at once.
	 * @return completes when the credentials work
	 */
	public Mono<Void> checkCredentials() {
		return this.credentialsCheck;
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

	@Override
	public String toString() {
		return "ReactiveHubServiceClient[" + this.api + "]";
	}

}
