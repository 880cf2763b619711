package io.qhub.service.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.qhub.service.client.internal.SubmissionRecovery;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.InvalidSettingException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.datapool.DataPoolReference;
import io.qhub.service.datapool.HubPlatformClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client of one subscribed Kipu Quantum Hub Managed Service, reactive: starts and
 * finds executions, each followed with its {@link ReactiveHubServiceExecution} handle.
 * This is the core; the blocking {@link HubServiceClient} is a view over it
 * ({@link HubServiceClient#of(ReactiveHubServiceClient)}). Nothing here blocks a
 * non-blocking thread, so thousands of executions can be awaited concurrently from one
 * thread. Build one with {@link HubServiceClient#builder()}{@code .buildReactive()} (or
 * get it from {@link HubServiceClient#reactive()}); it owns its connection pool until
 * {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * try (ReactiveHubServiceClient hub = HubServiceClient.builder().serviceEndpoint(endpoint).buildReactive()) {
 *     List<ResultResponse> results = Flux.range(0, 1000)
 *         .flatMap((i) -> hub.run(Map.of("values", List.of(i))).flatMap(ReactiveHubServiceExecution::result), 256)
 *         .collectList()
 *         .block();
 * }
 * }</pre>
 */
public final class ReactiveHubServiceClient implements AutoCloseable {

	private final ClientRuntime runtime;

	private final ReactiveServiceApiClient api;

	private final HubPlatformClient platform;

	private final boolean ownsPlatform;

	private final AtomicBoolean closed = new AtomicBoolean();

	ReactiveHubServiceClient(ClientRuntime runtime, HubPlatformClient platform, boolean ownsPlatform) {
		this.runtime = runtime;
		this.api = new ReactiveServiceApiClient(runtime.operations());
		this.platform = platform;
		this.ownsPlatform = ownsPlatform;
	}

	/**
	 * The low-level gateway operations, as the gateway answers them: a view over the same
	 * client.
	 * @return the reactive API view
	 */
	public ReactiveServiceApiClient api() {
		return this.api;
	}

	/**
	 * The service endpoint this client talks to, without a trailing slash, user-info
	 * masked.
	 * @return the endpoint URL
	 */
	public String serviceEndpoint() {
		return this.runtime.operations().serviceEndpoint();
	}

	/**
	 * The service's name: in observations ({@code qhub.service}, {@code client.name}), in
	 * its executions' {@link ReactiveHubServiceExecution#serviceName()} and for an
	 * execution tracker; set with {@code serviceName(...)} on the builder, else the
	 * endpoint's path.
	 * @return the name
	 */
	public String serviceName() {
		return this.runtime.serviceName();
	}

	/**
	 * Whether the client runs without a key pair (a random bearer token, no token
	 * requests).
	 * @return {@code true} without credentials
	 */
	public boolean isAnonymous() {
		return this.runtime.operations().isAnonymous();
	}

	/**
	 * The default polling policy of the executions' waits and {@code watch}.
	 * @return the policy
	 */
	public PollingPolicy pollingPolicy() {
		return this.runtime.polling();
	}

	/**
	 * The platform client grants are acquired with, when it has an API key.
	 * @return the platform client, or empty
	 */
	public Optional<HubPlatformClient> platformClient() {
		return this.platform.hasApiKey() ? Optional.of(this.platform) : Optional.empty();
	}

	/**
	 * Starts an execution with the request as it is.
	 * @param request the service's parameters: a map by name (not changed), or a record
	 * or bean, sent as its properties through the client's mapper
	 * @return the new execution
	 */
	public Mono<ReactiveHubServiceExecution> run(Object request) {
		return run(request, RunOptions.none());
	}

	/**
	 * Starts an execution, adding secrets and tags where the request does not hold
	 * {@code $secrets} or {@code $tags} already, and a {@link DataPoolReference} with a
	 * freshly acquired (or cached) grant JWT under each grant's name, replacing what the
	 * request holds there. Sent once: a start that may have reached the gateway is never
	 * retried, so no execution is started twice.
	 * @param request the service's parameters: a map by name (not changed), or a record
	 * or bean, sent as its properties through the client's mapper; either way
	 * {@code $tags}, {@code $secrets} and grants follow the same rules
	 * @param options secrets, tags and grants
	 * @return the new execution; fails with
	 * {@code IllegalStateException("apiKey is required for data pool grant
	 * acquisition")} before any request when grants are given but no platform API key is
	 * configured, with an {@code IllegalArgumentException} naming the path when the
	 * request is not JSON data or not a JSON object, and with a
	 * {@link HubTransportException} when the gateway's answer names no execution id
	 */
	public Mono<ReactiveHubServiceExecution> run(Object request, RunOptions options) {
		Objects.requireNonNull(request, "request must not be null");
		Objects.requireNonNull(options, "options must not be null");
		Map<String, ?> fields;
		try {
			fields = this.runtime.operations().requestFields(request);
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
			String key = (this.runtime.submissionKeys() && options.submissionKey()) ? SubmissionRecovery.newKey()
					: null;
			if (key == null || !RunOptions.addSubmissionKey(body, key)) {
				return this.runtime.operations().startExecution(body, secrets).map((answer) -> started(answer, false));
			}
			String tag = RunOptions.SUBMISSION_KEY_TAG_PREFIX + key;
			return this.runtime.operations()
				.startExecution(body, secrets)
				.map((answer) -> started(answer, false))
				.onErrorResume(SubmissionRecovery::answerLost,
						(ex) -> this.runtime.recovery().recover(tag, ex).map((found) -> started(found, true)));
		}).onTerminateDetach();
	}

	/**
	 * The handle of a started execution, remembered for the learned schedule unless it
	 * was found by its submission key (its submission time is not known then); an answer
	 * must name its id.
	 * @param execution the answer to {@code POST /}, or the execution found by its key
	 * @param recovered whether it was found by its submission key
	 * @return the handle of the new execution
	 * @throws HubTransportException when the answer names no id
	 */
	private ReactiveHubServiceExecution started(ServiceExecution execution, boolean recovered) {
		String id = execution.id();
		if (id == null) {
			throw new HubTransportException("POST /", "POST / answered without the new execution's id (neither in "
					+ "the body nor in a Location header)", null, FailureKind.PERMANENT, true);
		}
		if (!recovered && this.runtime.polling().learning() && !execution.status().isFinal()) {
			this.runtime.schedule().submitted(id, this.runtime.clock().instant());
		}
		return new ReactiveHubServiceExecution(this.runtime, execution, recovered);
	}

	/**
	 * Runs a batch: starts an execution per request (in order, each with
	 * {@code options.runOptions()} and its own submission key), at most
	 * {@code options.parallelism()} of them not yet seen final at once, and fetches each
	 * one's result once it is final (outside that bound, so the next start is not
	 * delayed). See {@link #runAll(List, BatchOptions, Function)}.
	 * @param requests the requests, each as {@link #run(Object, RunOptions)} takes it
	 * @param options parallelism, retries, cancellation, run options
	 * @return the batch's events; {@link BatchResult#of(Flux)} collects the outcomes
	 */
	public Flux<BatchEvent<ResultResponse>> runAll(List<?> requests, BatchOptions options) {
		return runAll(requests, options, ReactiveHubServiceExecution::result);
	}

	/**
	 * Runs a batch with work of its own per execution: starts an execution per request
	 * (in order, each with {@code options.runOptions()} and its own submission key), at
	 * most {@code options.parallelism()} of them not yet seen final at once, follows each
	 * on the client's learned schedule and, once it is final, applies {@code work} to its
	 * handle (e.g. {@code (execution) -> execution.result(Counts.class)}) outside that
	 * bound. An item is unsuccessful when its start, its wait or its work fails, or its
	 * execution ends FAILED or CANCELLED; it is then started again, up to
	 * {@code options.retries()} more times (a new execution each time, never a resend),
	 * and with {@code options.cancelOnFailure()} an item that stays unsuccessful cancels
	 * the executions still running ({@code PUT /{id}/cancel}) and leaves the items not
	 * yet started unstarted, each with a {@link BatchCancelledException}. Every request
	 * gets exactly one {@link BatchEvent.Kind#FINISHED} event with its
	 * {@link BatchOutcome}; events come one at a time, each with the batch's counts. Each
	 * wait is bounded by the polling policy's timeout. Nothing happens until subscribed;
	 * cancelling the subscription stops following (the executions keep running).
	 * @param <T> the work's value
	 * @param requests the requests, each as {@link #run(Object, RunOptions)} takes it
	 * @param options parallelism, retries, cancellation, run options
	 * @param work what to do with each final execution; it may fail (the item is then
	 * unsuccessful)
	 * @return the batch's events; {@link BatchResult#of(Flux)} collects the outcomes
	 */
	public <T> Flux<BatchEvent<T>> runAll(List<?> requests, BatchOptions options,
			Function<ReactiveHubServiceExecution, Mono<T>> work) {
		Objects.requireNonNull(requests, "requests must not be null");
		Objects.requireNonNull(options, "options must not be null");
		Objects.requireNonNull(work, "work must not be null");
		requests.forEach((request) -> Objects.requireNonNull(request, "requests must not hold null"));
		return Flux.defer(() -> new BatchRun<>(this, this.runtime, requests, options, work).events());
	}

	/**
	 * One execution by id, with its current state ({@code GET /{id}}).
	 * @param id the execution id
	 * @return the execution
	 */
	public Mono<ReactiveHubServiceExecution> getServiceExecution(String id) {
		return Mono.defer(() -> {
			Instant sent = this.runtime.clock().instant();
			return this.runtime.operations().getStatus(id).doOnNext((state) -> {
				if (this.runtime.polling().learning() && state.status().isFinal()) {
					// an execution this client started, seen final: teaches its schedule
					this.runtime.schedule().learnFinal(id, null, sent);
				}
			}).map(this::handle);
		});
	}

	/**
	 * A handle on an execution known by its id, without a call: for picking up an
	 * execution started earlier (by this application before a restart, or elsewhere) and
	 * following it on the client's schedule. Its state is
	 * {@link io.qhub.service.client.model.ServiceExecutionStatus#UNKNOWN} until the first
	 * {@link ReactiveHubServiceExecution#refresh()} or wait; an id the gateway does not
	 * know fails there.
	 * @param id the execution id
	 * @return the handle
	 */
	public ReactiveHubServiceExecution execution(String id) {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("id must not be empty");
		}
		return new ReactiveHubServiceExecution(this.runtime, new ServiceExecution(id, ServiceExecutionStatus.UNKNOWN,
				null, null, null, null, null, null, null, List.of()), false);
	}

	/**
	 * Every execution visible to the application ({@code GET /}), as the gateway lists
	 * them, read as the answer streams:
	 * {@code getServiceExecutions(ExecutionFilter.all())}. Entries the gateway lists
	 * without an id are left out (the low-level {@code api().getServiceExecutions()}
	 * returns them too).
	 * @return the executions
	 */
	public Flux<ReactiveHubServiceExecution> getServiceExecutions() {
		return getServiceExecutions(ExecutionFilter.all());
	}

	/**
	 * The executions a filter selects, by status, tags and creation time, as listed or
	 * newest first, at most its limit. The gateway's {@code GET /} takes no criteria: its
	 * answer is read element by element as it streams and filtered on the way, so a list
	 * of any length holds one execution at a time as listed (the limit cancels the rest
	 * of the answer), at most {@code limit} newest first. {@code maxJsonBodySize} applies
	 * to each listed execution, not to the list. Entries without an id are left out.
	 * @param filter the criteria, order and limit
	 * @return the executions; fails with a {@link HubTransportException} when the answer
	 * is cut or stalls longer than the read timeout (after the executions read before, as
	 * listed; none, newest first)
	 */
	public Flux<ReactiveHubServiceExecution> getServiceExecutions(ExecutionFilter filter) {
		Objects.requireNonNull(filter, "filter must not be null");
		return ExecutionSelection
			.select(Flux.defer(() -> this.runtime.operations().listServiceExecutions())
				.filter((execution) -> execution.id() != null), filter)
			.map(this::handle);
	}

	private ReactiveHubServiceExecution handle(ServiceExecution execution) {
		return new ReactiveHubServiceExecution(this.runtime, execution, true);
	}

	/**
	 * Checks that a gateway token can be obtained: completes when the cached token is
	 * still valid or a new one was issued, fails with {@link HubTokenException} or
	 * {@link HubTransportException} otherwise. Calls no service operation; without a key
	 * pair it completes at once.
	 * @return completes when the credentials work
	 */
	public Mono<Void> checkCredentials() {
		return this.runtime.operations().checkCredentials();
	}

	/**
	 * Checks now, as a health check would, that the token endpoint is reachable and
	 * issues a token for the key pair: one token request (a cached token does not count),
	 * no retry, within {@code timeout} (and the call timeout); the new token replaces the
	 * cached one. Calls no service operation; without a key pair it completes at once.
	 * @param timeout the longest time the check takes, positive
	 * @return completes when a token was issued; fails with {@link HubTokenException}
	 * (refused, with its OAuth2 error code) or {@link HubTransportException}
	 * (unreachable, timed out, TLS)
	 * @throws InvalidSettingException when the timeout is not positive
	 */
	public Mono<Void> probe(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidSettingException("timeout", "must be positive", timeout);
		}
		return this.runtime.operations().probe(timeout);
	}

	/**
	 * Releases the connection pool (and that of the platform client the client built
	 * itself). Calls made afterwards fail with a {@code HubClientException}. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.runtime.operations().close();
			if (this.ownsPlatform) {
				this.platform.close();
			}
		}
	}

	@Override
	public String toString() {
		return "ReactiveHubServiceClient[" + this.runtime.operations() + "]";
	}

}
