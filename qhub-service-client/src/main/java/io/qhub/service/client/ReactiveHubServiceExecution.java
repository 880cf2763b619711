package io.qhub.service.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.qhub.service.client.internal.LogFollower;
import io.qhub.service.client.internal.WaitTimedOut;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.PollingPolicy;
import io.qhub.service.core.ResultConversionException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;

/**
 * One execution of a service, followed reactively: the execution handle of
 * {@link ReactiveHubServiceClient}, as Azure's {@code PollerFlux} is to its
 * {@code SyncPoller}; {@link HubServiceExecution} is its blocking view. Holds the last
 * state seen: {@link #status()} and the timestamps read it without a call;
 * {@link #refresh()}, the waits, {@link #watch()} and {@link #cancel()} update it. Once
 * the execution is known final, the result is fetched once and kept, and
 * {@link #result()}, {@link #resultFiles()} and downloads make no further status call.
 * Nothing here blocks; a {@code Mono} or {@code Flux} does nothing until subscribed.
 * Thread-safe.
 *
 * <pre>{@code
 * client.run(Map.of("shots", 100))
 *     .flatMap(ReactiveHubServiceExecution::result)
 *     .subscribe((result) -> log.info("counts: {}", result.properties()));
 * }</pre>
 */
public final class ReactiveHubServiceExecution {

	private final ClientRuntime runtime;

	private final String id;

	private volatile ServiceExecution current;

	private volatile @Nullable ResultResponse result;

	/**
	 * Status polls made by {@link #refresh()} that saw the execution running, for
	 * {@link #nextPollDelay()}.
	 */
	private final AtomicInteger polls = new AtomicInteger();

	/** When the last {@link #refresh()} that saw the execution running was sent. */
	private volatile @Nullable Instant lastSeenRunning;

	/**
	 * A handle on an execution.
	 * @param runtime the client's runtime
	 * @param current its state
	 * @param polled whether that state is a status poll's answer (a fetched execution)
	 * rather than the answer that started it; a poll that saw it running counts for
	 * {@link #nextPollDelay()}
	 */
	ReactiveHubServiceExecution(ClientRuntime runtime, ServiceExecution current, boolean polled) {
		this.runtime = runtime;
		this.id = Objects.requireNonNull(current.id(), "id");
		this.current = current;
		if (polled && !current.status().isFinal()) {
			this.polls.set(1);
		}
	}

	/**
	 * The execution id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The name of the service the execution belongs to: its client's service name
	 * ({@code default} or the key under {@code qhub.services} in a Spring Boot
	 * application).
	 * @return the name
	 */
	public String serviceName() {
		return this.runtime.serviceName();
	}

	/**
	 * The last state seen, as the gateway's DTO (no call).
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.current;
	}

	/**
	 * The last status seen (no call).
	 * @return the status
	 */
	public ServiceExecutionStatus status() {
		return this.current.status();
	}

	/**
	 * When the execution was created, as last seen.
	 * @return the creation time, or {@code null}
	 */
	public @Nullable Instant createdAt() {
		return this.current.createdAt();
	}

	/**
	 * When the execution started running, as last seen.
	 * @return the start time, or {@code null} until then
	 */
	public @Nullable Instant startedAt() {
		return this.current.startedAt();
	}

	/**
	 * When the execution reached a final state, as last seen.
	 * @return the end time, or {@code null} until then
	 */
	public @Nullable Instant endedAt() {
		return this.current.endedAt();
	}

	/**
	 * When the execution is expected to be final, from what the client learned of its
	 * service's durations (no call): its submission by this client (else its
	 * {@code createdAt}) plus the time after which the service's executions were seen
	 * final; for a final execution, its {@code endedAt}. Empty while the client has seen
	 * no execution of the service finish, or when neither instant is known.
	 * @return the expected end, or empty when unknown
	 */
	public Optional<Instant> expectedEnd() {
		return progress(this.current).expectedEnd();
	}

	/**
	 * The last state seen with its time: elapsed and expected (no call).
	 * @return the progress
	 */
	public ExecutionProgress progress() {
		return progress(this.current);
	}

	private ExecutionProgress progress(ServiceExecution state) {
		Instant now = this.runtime.clock().instant();
		Instant submitted = this.runtime.schedule().submission(this.id);
		Instant since = (submitted != null) ? submitted : state.createdAt();
		if (since == null) {
			return new ExecutionProgress(state, now, Duration.ZERO, null);
		}
		Duration elapsed = Duration.between(since, now);
		return new ExecutionProgress(state, now, elapsed.isNegative() ? Duration.ZERO : elapsed,
				this.runtime.schedule().expectedDuration());
	}

	/**
	 * Fetches the current state ({@code GET /{id}}, with the transport retry) and keeps
	 * it. A caller that polls on its own schedule calls this and then waits
	 * {@link #nextPollDelay()}; what it sees teaches the client's learned schedule as the
	 * client's own waits do.
	 * @return the new state
	 */
	public Mono<ServiceExecution> refresh() {
		return Mono.defer(() -> {
			Instant sent = this.runtime.clock().instant();
			return this.runtime.operations().getStatus(this.id).doOnNext((state) -> polled(state, sent));
		});
	}

	private void polled(ServiceExecution state, Instant sent) {
		update(state);
		if (!state.status().isFinal()) {
			this.polls.incrementAndGet();
			this.lastSeenRunning = sent;
		}
		else if (this.runtime.polling().learning()) {
			this.runtime.schedule().learnFinal(this.id, this.lastSeenRunning, sent);
		}
	}

	/**
	 * How long to wait before the next {@link #refresh()}, on the client's schedule:
	 * learned from its earlier executions where it submitted this one and has seen
	 * similar ones finish, else the polling policy's doubling schedule counted from this
	 * handle's polls; at most the policy's {@code maxInterval}; zero once final. For
	 * callers that poll on their own (a scheduler, a job queue, the execution tracker).
	 * @return the delay
	 */
	public Duration nextPollDelay() {
		if (this.current.status().isFinal()) {
			return Duration.ZERO;
		}
		PollingPolicy policy = this.runtime.polling();
		if (!policy.learning()) {
			return policy.delayBefore(this.polls.get() + 1);
		}
		return this.runtime.schedule()
			.nextDelay(this.id, this.polls.get(), this.runtime.clock().instant(), policy.backoff());
	}

	/**
	 * Whether the execution has reached a final state. Like the official SDK it refreshes
	 * the state first, unless the execution is already known final (a final state never
	 * changes).
	 * @return {@code true} once SUCCEEDED, FAILED or CANCELLED
	 */
	public Mono<Boolean> hasFinished() {
		return this.current.status().isFinal() ? Mono.just(true) : refresh().map((state) -> state.status().isFinal());
	}

	/**
	 * Follows the execution from its last known state (no call is made for it): emits it,
	 * then each status change, and completes after the final state; fails with
	 * {@link ExecutionTimeoutException} after the default polling timeout.
	 * @return the states, one per status
	 */
	public Flux<ServiceExecution> watch() {
		return this.runtime.poller()
			.poll(this.current, this.runtime.polling())
			.distinctUntilChanged(ServiceExecution::status)
			.doOnNext(this::update)
			.onErrorMap(WaitTimedOut.class, this::timedOut);
	}

	/**
	 * Follows the execution as {@link #watch()} does, with its time: emits the last known
	 * state, then every state a poll sees (not only changes, so a progress display moves
	 * on), each with the time elapsed and expected ({@link ExecutionProgress}), and
	 * completes after the final state; fails with {@link ExecutionTimeoutException} after
	 * the default polling timeout. Polls as {@link #watch()} does: no extra call.
	 * @return the states with their time
	 */
	public Flux<ExecutionProgress> watchProgress() {
		return this.runtime.poller()
			.poll(this.current, this.runtime.polling())
			.doOnNext(this::update)
			.map(this::progress)
			.onErrorMap(WaitTimedOut.class, this::timedOut);
	}

	/**
	 * Waits for a final state under the client's default polling policy (timeout 30
	 * minutes unless configured). Makes no call when the state is already final.
	 * @return the final state; fails with {@link ExecutionTimeoutException} when the
	 * timeout passes first
	 */
	public Mono<ServiceExecution> waitForFinalState() {
		return waitForFinalState(this.runtime.polling());
	}

	/**
	 * Waits for a final state, at most {@code timeout}: every request within the wait (a
	 * token request included) is cut at its deadline, which then fails with
	 * {@link ExecutionTimeoutException} carrying the last state seen.
	 * @param timeout the longest wait
	 * @return the final state
	 */
	public Mono<ServiceExecution> waitForFinalState(Duration timeout) {
		return waitForFinalState(this.runtime.polling().withTimeout(timeout));
	}

	/**
	 * Waits for a final state, at most {@code timeout}, polling at least every
	 * {@code wait}.
	 * @param timeout the longest wait
	 * @param wait the longest delay between two polls
	 * @return the final state
	 */
	public Mono<ServiceExecution> waitForFinalState(Duration timeout, Duration wait) {
		return waitForFinalState(this.runtime.polling().withTimeout(timeout).withMaxInterval(wait));
	}

	private Mono<ServiceExecution> waitForFinalState(PollingPolicy policy) {
		return Mono.defer(() -> {
			ServiceExecution known = this.current;
			if (known.status().isFinal()) {
				return Mono.just(known);
			}
			return this.runtime.waitObserver()
				.observe(known, this.runtime.poller().poll(known, policy).last())
				.doOnNext(this::update)
				.onErrorMap(WaitTimedOut.class, this::timedOut);
		});
	}

	private ExecutionTimeoutException timedOut(WaitTimedOut timeout) {
		update(timeout.lastExecution());
		return new ExecutionTimeoutException(timeout.lastExecution(), timeout.timeout());
	}

	/**
	 * The result: waits for the final state (default timeout; no call when already
	 * final), then fetches the result, retrying what can succeed later. Fetched once and
	 * kept. A FAILED or CANCELLED execution yields its result response too, as the
	 * official SDK does.
	 * @return the result
	 */
	public Mono<ResultResponse> result() {
		return Mono.defer(() -> {
			ResultResponse known = this.result;
			if (known != null) {
				return Mono.just(known);
			}
			return waitForFinalState().flatMap((last) -> this.runtime.results().fetch(this.id))
				.doOnNext((fetched) -> this.result = fetched);
		});
	}

	/**
	 * The result's output fields (every top-level field except {@code _links} and
	 * {@code _embedded}) read as an application type, as {@code RestClient}'s
	 * {@code body(MyResult.class)} reads a body: fields the type does not declare are
	 * ignored; a field whose JSON does not fit, or a missing primitive, fails. Waits and
	 * fetches as {@link #result()} (once).
	 * @param <T> the type
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value; fails with a {@link ResultConversionException} naming the type
	 * and the field (never the value)
	 */
	public <T> Mono<T> result(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return result().map((fetched) -> this.runtime.converter()
			.convert(fetched.properties(), type, "The result of execution " + this.id));
	}

	/**
	 * Names of the downloadable result files (the result's links except {@code status}
	 * and {@code self}), after waiting for the result.
	 * @return the file names
	 */
	public Mono<List<String>> resultFiles() {
		return result().map(ResultResponse::fileNames);
	}

	/**
	 * Streams one result file. The subscriber must release each buffer. The file is never
	 * held in memory as a whole, nor limited in size or total time: once the answer has
	 * started, only silence longer than the read timeout ends it.
	 * @param name the file name
	 * @return the file's bytes
	 */
	public Flux<DataBuffer> resultFile(String name) {
		return this.runtime.operations().getResultFile(this.id, name);
	}

	/**
	 * One JSON result file read as an application type (up to {@code maxJsonBodySize},
	 * within the call timeout), with the same rules as {@link #result(Class)}.
	 * @param <T> the type
	 * @param name the file name
	 * @param type the type
	 * @return the value; fails with a {@link ResultConversionException} naming the file,
	 * the type and the field
	 */
	public <T> Mono<T> resultFile(String name, Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return this.runtime.operations()
			.getResultFileBytes(this.id, name)
			.map((json) -> this.runtime.converter()
				.read(json, type, "Result file '" + name + "' of execution " + this.id));
	}

	/**
	 * Opens one result file: completes once the status and headers have arrived, so a
	 * non-2xx answer fails before any byte of the body is consumed.
	 * @param name the file name
	 * @return the response whose body streams the file
	 */
	Mono<ResponseEntity<Flux<DataBuffer>>> openResultFile(String name) {
		return this.runtime.operations().openResultFile(this.id, name);
	}

	/**
	 * Downloads one result file into a directory. The name is checked (it must not
	 * contain {@code /} or {@code \}, be {@code .}, {@code ..}, empty or absolute); the
	 * bytes go to a temporary file in the same directory, moved into place only when
	 * complete, replacing an existing file. A failure leaves no partial file and an
	 * existing file unchanged.
	 * @param name the file name
	 * @param targetDirectory an existing directory
	 * @return the path written; fails with an {@link IllegalArgumentException} when the
	 * directory is missing or the name is rejected
	 */
	public Mono<Path> downloadResultFile(String name, Path targetDirectory) {
		return Mono.defer(() -> this.runtime.downloader()
			.download(name, targetDirectory, () -> this.runtime.operations().getResultFile(this.id, name)));
	}

	/**
	 * The execution's log, oldest entry first.
	 * @return the entries
	 */
	public Mono<List<LogEntry>> logs() {
		return this.runtime.operations().getLogs(this.id);
	}

	/**
	 * Follows the execution's log under the client's default polling policy (see
	 * {@link #followLogs(Duration)}).
	 * @return the entries, each once, oldest first
	 */
	public Flux<LogEntry> followLogs() {
		return followLogs(this.runtime.polling());
	}

	/**
	 * Follows the execution's log: reads it now, then after each status poll on the
	 * client's schedule (the one {@link #waitForFinalState()} uses, learned or the
	 * policy's), and once more after the final state, emitting each entry once, in order,
	 * and completing then. Entries are told apart by their position in the log (the
	 * gateway answers the whole log each time), never by timestamp, so entries sharing a
	 * timestamp are not lost or repeated. Calls: one status poll and one log read per
	 * round, no more. A status poll that fails transiently is ridden out as in a wait; a
	 * log read that still fails after the transport retry ends the flux with that
	 * exception. For an execution already known final it reads the log once.
	 * @param timeout the longest follow; then it fails with
	 * {@link ExecutionTimeoutException}
	 * @return the entries, each once, oldest first
	 */
	public Flux<LogEntry> followLogs(Duration timeout) {
		return followLogs(this.runtime.polling().withTimeout(timeout));
	}

	private Flux<LogEntry> followLogs(PollingPolicy policy) {
		return Flux.defer(() -> {
			LogFollower follower = new LogFollower();
			ServiceExecution known = this.current;
			Flux<ServiceExecution> states = known.status().isFinal() ? Flux.just(known)
					: this.runtime.poller().poll(known, policy).doOnNext(this::update);
			return states.concatMap((state) -> logs().map(follower::newEntries), 1)
				.concatMapIterable((entries) -> entries)
				.onErrorMap(WaitTimedOut.class, this::timedOut);
		});
	}

	/**
	 * The result of an execution that SUCCEEDED, said plainly otherwise: waits for the
	 * final state as {@link #result()} does, then fetches the result (once) when it
	 * SUCCEEDED, and fails with {@link ExecutionNotSucceededException} carrying the
	 * status and the last log lines (redacted) when it ended FAILED or CANCELLED; no
	 * result is fetched then. The opt-in twin of {@link #result()}, which yields a FAILED
	 * or CANCELLED execution's result response as the official SDK does.
	 * @return the result; fails with {@link ExecutionNotSucceededException}
	 */
	public Mono<ResultResponse> successfulResult() {
		return waitForFinalState()
			.flatMap((last) -> (last.status() == ServiceExecutionStatus.SUCCEEDED) ? result() : notSucceeded(last));
	}

	/**
	 * The output of an execution that SUCCEEDED read as an application type (see
	 * {@link #result(Class)}); fails with {@link ExecutionNotSucceededException} when it
	 * ended FAILED or CANCELLED (see {@link #successfulResult()}).
	 * @param <T> the type
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value
	 */
	public <T> Mono<T> successfulResult(Class<T> type) {
		Objects.requireNonNull(type, "type must not be null");
		return successfulResult().map((fetched) -> this.runtime.converter()
			.convert(fetched.properties(), type, "The result of execution " + this.id));
	}

	private <T> Mono<T> notSucceeded(ServiceExecution last) {
		return logs().onErrorResume(HubClientException.class, (ex) -> Mono.just(List.of()))
			.flatMap((log) -> Mono.error(new ExecutionNotSucceededException(last, log)));
	}

	/**
	 * Cancels the execution and keeps its state: the gateway's answer, read again
	 * ({@code GET /{id}}) when that answer is not final yet, since a cancel may take
	 * effect after its answer (a failed re-read keeps the answer). A cancel the gateway
	 * refuses (HTTP 400, 409, 422: typically an execution that has already ended) fails
	 * with {@link CancelRefusedException} stating the current status, read again then.
	 * @return the state after cancelling
	 */
	public Mono<ServiceExecution> cancel() {
		return this.runtime.operations()
			.cancelExecution(this.id)
			.onErrorResume(HubApiException.class,
					(ex) -> CancelRefusedException.isRefusal(ex) ? refused(ex) : Mono.error(ex))
			.doOnNext(this::update)
			.flatMap((answer) -> answer.status().isFinal() ? Mono.just(answer) : reread(answer));
	}

	private Mono<ServiceExecution> refused(HubApiException refusal) {
		return reread(this.current).flatMap((state) -> Mono.error(new CancelRefusedException(state, refusal)));
	}

	private Mono<ServiceExecution> reread(ServiceExecution fallback) {
		return refresh().onErrorResume(HubClientException.class, (ex) -> Mono.just(fallback));
	}

	private void update(ServiceExecution latest) {
		this.current = latest;
	}

	@Override
	public String toString() {
		return "ReactiveHubServiceExecution[id=" + this.id + ", status=" + this.current.status() + "]";
	}

}
