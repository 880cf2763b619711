package io.qhub.service.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.core.ResultConversionException;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a service, with blocking helpers to follow it: the Java counterpart of
 * the official SDK's {@code HubServiceExecution}, and the blocking view of its
 * {@link ReactiveHubServiceExecution} ({@link #reactive()}), whose state it shares:
 * {@link #status()} and the timestamps read the last state seen without a call,
 * {@link #refresh()} and the waits update it. Once the execution is known final,
 * {@link #result()}, {@link #resultFiles()} and downloads make no further status call,
 * and the result is fetched only once. A call made on a Reactor non-blocking thread fails
 * fast: use {@link #reactive()} there. Thread-safe.
 */
public final class HubServiceExecution {

	private final ReactiveHubServiceExecution reactive;

	/**
	 * The blocking view of a reactive execution handle; both share its state.
	 * @param reactive the reactive handle
	 */
	public HubServiceExecution(ReactiveHubServiceExecution reactive) {
		this.reactive = Objects.requireNonNull(reactive, "reactive");
	}

	/**
	 * The reactive handle this one is a view over.
	 * @return the reactive handle
	 */
	public ReactiveHubServiceExecution reactive() {
		return this.reactive;
	}

	/**
	 * The execution id.
	 * @return the id
	 */
	public String id() {
		return this.reactive.id();
	}

	/**
	 * The name of the service the execution belongs to (its client's service name).
	 * @return the name
	 */
	public String serviceName() {
		return this.reactive.serviceName();
	}

	/**
	 * The last status seen (no call).
	 * @return the status
	 */
	public ServiceExecutionStatus status() {
		return this.reactive.status();
	}

	/**
	 * When the execution was created, as last seen.
	 * @return the creation time, or {@code null}
	 */
	public @Nullable Instant createdAt() {
		return this.reactive.createdAt();
	}

	/**
	 * When the execution started running, as last seen.
	 * @return the start time, or {@code null} until then
	 */
	public @Nullable Instant startedAt() {
		return this.reactive.startedAt();
	}

	/**
	 * When the execution reached a final state, as last seen.
	 * @return the end time, or {@code null} until then
	 */
	public @Nullable Instant endedAt() {
		return this.reactive.endedAt();
	}

	/**
	 * When the execution is expected to be final, from what the client learned of its
	 * service's durations (no call; see
	 * {@link ReactiveHubServiceExecution#expectedEnd()}).
	 * @return the expected end, or empty when unknown
	 */
	public Optional<Instant> expectedEnd() {
		return this.reactive.expectedEnd();
	}

	/**
	 * The last state seen with its time: elapsed and expected (no call).
	 * @return the progress
	 */
	public ExecutionProgress progress() {
		return this.reactive.progress();
	}

	/**
	 * Follows the execution until it is final, handing every state a poll sees to the
	 * listener with its time ({@link ReactiveHubServiceExecution#watchProgress()}).
	 * @param listener called with each state, one at a time; it must not block for long
	 * @return the final state
	 * @throws ExecutionTimeoutException when the default polling timeout passes first
	 */
	public ServiceExecution watchProgress(Consumer<ExecutionProgress> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		ExecutionProgress last = Blocking.await(this.reactive.watchProgress().doOnNext(listener).last());
		return last.execution();
	}

	/**
	 * The last state seen, as the gateway's DTO.
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.reactive.execution();
	}

	/**
	 * Whether the execution has reached a final state. Like the official SDK it refreshes
	 * the state first, unless the execution is already known final (a final state never
	 * changes).
	 * @return {@code true} once SUCCEEDED, FAILED or CANCELLED
	 */
	public boolean hasFinished() {
		return Blocking.await(this.reactive.hasFinished());
	}

	/**
	 * Fetches the current state from the gateway.
	 * @return the new state
	 */
	public ServiceExecution refresh() {
		return Blocking.await(this.reactive.refresh());
	}

	/**
	 * How long to wait before the next {@link #refresh()} on the client's schedule (see
	 * {@link ReactiveHubServiceExecution#nextPollDelay()}).
	 * @return the delay, zero once final
	 */
	public Duration nextPollDelay() {
		return this.reactive.nextPollDelay();
	}

	/**
	 * Waits for a final state under the client's default polling policy (timeout 30
	 * minutes unless configured).
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState() {
		return Blocking.await(this.reactive.waitForFinalState());
	}

	/**
	 * Waits for a final state, at most {@code timeout}.
	 * @param timeout the longest wait
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState(Duration timeout) {
		return Blocking.await(this.reactive.waitForFinalState(timeout));
	}

	/**
	 * Waits for a final state, at most {@code timeout}, polling at least every
	 * {@code wait}.
	 * @param timeout the longest wait
	 * @param wait the longest delay between two polls
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState(Duration timeout, Duration wait) {
		return Blocking.await(this.reactive.waitForFinalState(timeout, wait));
	}

	/**
	 * The result: waits for the final state (default timeout), then fetches the result
	 * with retries. Fetched once and kept. A FAILED or CANCELLED execution yields its
	 * result response too.
	 * @return the result
	 */
	public ResultResponse result() {
		return Blocking.await(this.reactive.result());
	}

	/**
	 * The result's output fields read as an application type (see
	 * {@link ReactiveHubServiceExecution#result(Class)}). Waits and fetches as
	 * {@link #result()} (once).
	 * @param <T> the type
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value
	 * @throws ResultConversionException naming the type and the field (never the value)
	 */
	public <T> T result(Class<T> type) {
		return Blocking.await(this.reactive.result(type));
	}

	/**
	 * One JSON result file read as an application type (up to {@code maxJsonBodySize},
	 * within the call timeout), with the same rules as {@link #result(Class)}.
	 * @param <T> the type
	 * @param name the file name
	 * @param type the type
	 * @return the value
	 * @throws ResultConversionException naming the file, the type and the field
	 */
	public <T> T resultFile(String name, Class<T> type) {
		return Blocking.await(this.reactive.resultFile(name, type));
	}

	/**
	 * Names of the downloadable result files (the result's links except {@code status}
	 * and {@code self}).
	 * @return the file names
	 */
	public List<String> resultFiles() {
		return Blocking.await(this.reactive.resultFiles());
	}

	/**
	 * Opens one result file as a stream; the caller must close it, which also releases
	 * the connection. Returns once the gateway has answered with a 2xx status (a 404
	 * throws here, not on the first read); the body is streamed with bounded buffering as
	 * it is read.
	 * @param name the file name
	 * @return the open stream
	 */
	public InputStream resultFileStream(String name) {
		return Blocking.stream(this.reactive.openResultFile(name));
	}

	/**
	 * Downloads one result file into a directory. The name is checked (it must not
	 * contain {@code /} or {@code \}, be {@code .}, {@code ..}, empty or absolute); the
	 * bytes go to a temporary file in the same directory, moved into place only when
	 * complete, replacing an existing file. A failure leaves no partial file and an
	 * existing file unchanged.
	 * @param name the file name
	 * @param targetDirectory an existing directory
	 * @return the written file
	 * @throws IllegalArgumentException when the directory is missing or not a directory,
	 * or the name is rejected
	 */
	public Path downloadResultFile(String name, Path targetDirectory) {
		return Blocking.await(this.reactive.downloadResultFile(name, targetDirectory));
	}

	/**
	 * Cancels the execution and keeps its state: the gateway's answer, read again when
	 * that answer is not final yet (see {@link ReactiveHubServiceExecution#cancel()}).
	 * @return the state after cancelling
	 * @throws CancelRefusedException when the gateway refuses (HTTP 400, 409, 422),
	 * stating the execution's current status
	 */
	public ServiceExecution cancel() {
		return Blocking.await(this.reactive.cancel());
	}

	/**
	 * The result of an execution that SUCCEEDED (see
	 * {@link ReactiveHubServiceExecution#successfulResult()}): the opt-in twin of
	 * {@link #result()}.
	 * @return the result
	 * @throws ExecutionNotSucceededException when the execution ended FAILED or
	 * CANCELLED, with the status and the last log lines (redacted)
	 */
	public ResultResponse successfulResult() {
		return Blocking.await(this.reactive.successfulResult());
	}

	/**
	 * The output of an execution that SUCCEEDED read as an application type (see
	 * {@link #result(Class)}).
	 * @param <T> the type
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value
	 * @throws ExecutionNotSucceededException when the execution ended FAILED or
	 * CANCELLED, with the status and the last log lines (redacted)
	 */
	public <T> T successfulResult(Class<T> type) {
		return Blocking.await(this.reactive.successfulResult(type));
	}

	/**
	 * Follows the execution's log under the client's default polling policy: a lazy
	 * stream of each entry once, oldest first, that ends after the final state (see
	 * {@link ReactiveHubServiceExecution#followLogs(Duration)}). Close it
	 * (try-with-resources) to stop following early.
	 * @return the entries
	 */
	public Stream<LogEntry> followLogs() {
		return Blocking.stream(this.reactive.followLogs());
	}

	/**
	 * Follows the execution's log for at most {@code timeout} (see
	 * {@link ReactiveHubServiceExecution#followLogs(Duration)}).
	 * @param timeout the longest follow; then the stream throws
	 * {@link ExecutionTimeoutException}
	 * @return the entries
	 */
	public Stream<LogEntry> followLogs(Duration timeout) {
		return Blocking.stream(this.reactive.followLogs(timeout));
	}

	/**
	 * The execution's log, oldest entry first.
	 * @return the entries
	 */
	public List<LogEntry> logs() {
		return Blocking.await(this.reactive.logs());
	}

	@Override
	public String toString() {
		return "HubServiceExecution[id=" + id() + ", status=" + status() + "]";
	}

}
