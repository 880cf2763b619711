package io.qhub.service.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import io.qhub.service.client.internal.GatewayOperations;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.core.HubTokenException;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.datapool.HubPlatformClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Client for one subscribed Kipu Quantum Hub Managed Service, blocking: the Java
 * counterpart of the official SDK's {@code qhub.service.client.HubServiceClient}. A view
 * over the {@link ReactiveHubServiceClient} it wraps ({@link #reactive()}), as its
 * {@link HubServiceExecution}s are views over the reactive handles; both share one
 * connection pool, released by {@link #close()}. Build one per service endpoint and share
 * it; it is thread-safe. A call made on a Reactor non-blocking thread fails fast: use
 * {@link #reactive()} there.
 *
 * <pre>{@code
 * try (HubServiceClient client = HubServiceClient.builder()
 *         .serviceEndpoint("https://gateway.hub.kipu-quantum.com/acme/qft-simulator/1.0.0")
 *         .accessKeyId(System.getenv("QHUB_ACCESS_KEY_ID"))
 *         .secretAccessKey(System.getenv("QHUB_SECRET_ACCESS_KEY"))
 *         .build()) {
 *     HubServiceExecution execution = client.run(Map.of("shots", 100));
 *     execution.waitForFinalState(Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class HubServiceClient implements AutoCloseable {

	/** Default OAuth2 token endpoint of the Kipu Quantum Hub gateway. */
	public static final String DEFAULT_TOKEN_ENDPOINT = GatewayOperations.HUB_TOKEN_ENDPOINT;

	private final ReactiveHubServiceClient reactive;

	private final ServiceApiClient api;

	private HubServiceClient(ReactiveHubServiceClient reactive) {
		this.reactive = reactive;
		this.api = new ServiceApiClient(reactive.api());
	}

	/**
	 * Starts building a client; finish with {@link HubServiceClientBuilder#build()} for
	 * this blocking client or {@link HubServiceClientBuilder#buildReactive()} for the
	 * reactive one.
	 * @return a new builder
	 */
	public static HubServiceClientBuilder builder() {
		return new HubServiceClientBuilder();
	}

	/**
	 * The blocking client over a reactive one. Both share the reactive client's
	 * resources: closing either closes them.
	 * @param reactive the reactive client
	 * @return the blocking client
	 */
	public static HubServiceClient of(ReactiveHubServiceClient reactive) {
		return new HubServiceClient(Objects.requireNonNull(reactive, "reactive"));
	}

	/**
	 * The low-level gateway API: the seven operations of the service's OpenAPI spec,
	 * blocking. Its {@link ServiceApiClient#reactive()} gives the same operations as
	 * {@code Mono}/{@code Flux}.
	 * @return the low-level API view
	 */
	public ServiceApiClient api() {
		return this.api;
	}

	/**
	 * The service endpoint this client talks to, without a trailing slash, user-info
	 * masked.
	 * @return the endpoint URL
	 */
	public String serviceEndpoint() {
		return this.reactive.serviceEndpoint();
	}

	/**
	 * The service's name (see {@link ReactiveHubServiceClient#serviceName()}).
	 * @return the name
	 */
	public String serviceName() {
		return this.reactive.serviceName();
	}

	/**
	 * The platform client data-pool grants are acquired with, when one with an API key is
	 * configured or found.
	 * @return the platform client, or empty
	 */
	public Optional<HubPlatformClient> platformClient() {
		return this.reactive.platformClient();
	}

	/**
	 * Whether the client runs without a key pair (a random bearer token, no token
	 * requests).
	 * @return {@code true} without credentials
	 */
	public boolean isAnonymous() {
		return this.reactive.isAnonymous();
	}

	/**
	 * The reactive client this one is a view over. Use it from reactive code and to await
	 * many executions at once.
	 * @return the reactive client
	 */
	public ReactiveHubServiceClient reactive() {
		return this.reactive;
	}

	/**
	 * Starts an execution with the request as it is.
	 * @param request the service's parameters: a map by name (not changed), or a record
	 * or bean, sent as its properties through the client's mapper
	 * @return the new execution
	 */
	public HubServiceExecution run(Object request) {
		return run(request, RunOptions.none());
	}

	/**
	 * Starts an execution, adding secrets ({@code $secrets}) and tags ({@code $tags})
	 * where the request does not hold those keys already (the caller's value wins), and
	 * for each data-pool grant a {@code DataPoolReference} with a short-lived JWT from
	 * the platform under the grant's name (grants replace what is there). The request map
	 * is never changed. Sent once: a start that may have reached the gateway is never
	 * retried, so no execution is started twice.
	 * @param request the service's parameters: a map by name (not changed), or a record
	 * or bean, sent as its properties through the client's mapper (a typed request
	 * follows the same {@code $tags}, {@code $secrets} and grant rules)
	 * @param options secrets, tags and grants
	 * @return the new execution
	 * @throws IllegalStateException
	 * {@code "apiKey is required for data pool grant acquisition"}, before any request,
	 * when grants are given but no platform API key is configured
	 * @throws IllegalArgumentException naming the key path when the request is not JSON
	 * data, or naming its type when it is not a JSON object
	 */
	public HubServiceExecution run(Object request, RunOptions options) {
		return new HubServiceExecution(Blocking.await(this.reactive.run(request, options)));
	}

	/**
	 * Runs a batch and returns every request's outcome in the requests' order: starts an
	 * execution per request, at most {@code options.parallelism()} not yet final at once,
	 * and fetches each one's result (see
	 * {@link ReactiveHubServiceClient#runAll(List, BatchOptions, Function)} for retries
	 * and cancellation). Never throws for an item: each failure is in its outcome.
	 *
	 * <pre>{@code
	 * BatchResult<ResultResponse> batch = client.runAll(requests, BatchOptions.parallelism(8).withRetries(1));
	 * }</pre>
	 * @param requests the requests, each as {@link #run(Object, RunOptions)} takes it
	 * @param options parallelism, retries, cancellation, run options
	 * @return the outcomes
	 */
	public BatchResult<ResultResponse> runAll(List<?> requests, BatchOptions options) {
		return Blocking.await(BatchResult.of(this.reactive.runAll(requests, options)));
	}

	/**
	 * Runs a batch with blocking work of its own per final execution (run on Reactor's
	 * bounded-elastic threads, outside the parallelism bound), reporting progress to a
	 * listener, and returns every request's outcome in the requests' order (see
	 * {@link ReactiveHubServiceClient#runAll(List, BatchOptions, Function)}).
	 * @param <T> the work's value
	 * @param requests the requests, each as {@link #run(Object, RunOptions)} takes it
	 * @param options parallelism, retries, cancellation, run options
	 * @param work what to do with each final execution, e.g.
	 * {@code (execution) -> execution.result(Counts.class)}; an exception makes the item
	 * unsuccessful
	 * @param progress called with each event, one at a time, on the batch's threads; it
	 * must not block
	 * @return the outcomes
	 */
	public <T> BatchResult<T> runAll(List<?> requests, BatchOptions options, Function<HubServiceExecution, T> work,
			Consumer<BatchEvent<T>> progress) {
		Objects.requireNonNull(work, "work must not be null");
		Objects.requireNonNull(progress, "progress must not be null");
		Flux<BatchEvent<T>> events = this.reactive.runAll(requests, options,
				(execution) -> Mono.fromCallable(() -> work.apply(new HubServiceExecution(execution)))
					.subscribeOn(Schedulers.boundedElastic()));
		// the progress callback on a worker, never on an event loop: it may block (write,
		// log, call the client)
		return Blocking.await(BatchResult.of(events.publishOn(Schedulers.boundedElastic()).doOnNext(progress)));
	}

	/**
	 * One execution by id, with its current state.
	 * @param id the execution id
	 * @return the execution
	 */
	public HubServiceExecution getServiceExecution(String id) {
		return new HubServiceExecution(Blocking.await(this.reactive.getServiceExecution(id)));
	}

	/**
	 * Every execution visible to the application, as the gateway lists them (entries the
	 * gateway lists without an id are left out; the low-level
	 * {@code api().getServiceExecutions()} returns them too).
	 * @return the executions
	 */
	public List<HubServiceExecution> getServiceExecutions() {
		return getServiceExecutions(ExecutionFilter.all());
	}

	/**
	 * The executions a filter selects, collected into a list (see
	 * {@link ReactiveHubServiceClient#getServiceExecutions(ExecutionFilter)}): by status,
	 * tags and creation time, as listed or newest first, at most its limit. The answer is
	 * read as it streams; the list holds the executions selected. To walk a long list
	 * without holding it, use {@link #streamServiceExecutions(ExecutionFilter)}.
	 * @param filter the criteria, order and limit
	 * @return the executions
	 * @throws HubTransportException when the answer is cut or stalls longer than the read
	 * timeout
	 */
	public List<HubServiceExecution> getServiceExecutions(ExecutionFilter filter) {
		return Blocking.await(this.reactive.getServiceExecutions(filter).map(HubServiceExecution::new).collectList());
	}

	/**
	 * The executions a filter selects, as a lazy stream read as the gateway's answer
	 * streams: as listed, the stream holds a few executions at a time whatever the length
	 * of the list. Close the stream (try-with-resources) to stop early; that releases the
	 * connection. A cut or stalled answer throws a {@link HubTransportException} from the
	 * stream's terminal operation.
	 * @param filter the criteria, order and limit
	 * @return the executions
	 */
	public Stream<HubServiceExecution> streamServiceExecutions(ExecutionFilter filter) {
		return Blocking.stream(this.reactive.getServiceExecutions(filter).map(HubServiceExecution::new));
	}

	/**
	 * Checks that a gateway token can be obtained (a cached, still valid token counts);
	 * calls no service operation. Without a key pair it returns at once.
	 * @throws HubTokenException when the token endpoint refuses a token
	 * @throws HubTransportException when it cannot be reached in time
	 */
	public void checkCredentials() {
		Blocking.await(this.reactive.checkCredentials().thenReturn(Boolean.TRUE));
	}

	/**
	 * Checks now, as a health check would, that the token endpoint issues a token for the
	 * key pair: one token request (a cached token does not count), no retry, within
	 * {@code timeout}; the new token replaces the cached one. Without a key pair it
	 * returns at once.
	 * @param timeout the longest time the check takes, positive
	 * @throws HubTokenException when the token endpoint refuses a token
	 * @throws HubTransportException when it cannot be reached within the timeout
	 * @see ReactiveHubServiceClient#probe(Duration)
	 */
	public void probe(Duration timeout) {
		Blocking.await(this.reactive.probe(timeout).thenReturn(Boolean.TRUE));
	}

	/**
	 * Releases the connection pool, shared with {@link #reactive()}. Calls made
	 * afterwards fail. Idempotent.
	 */
	@Override
	public void close() {
		this.reactive.close();
	}

	@Override
	public String toString() {
		return "HubServiceClient[" + this.reactive.toString().replace("ReactiveHubServiceClient[", "");
	}

}
