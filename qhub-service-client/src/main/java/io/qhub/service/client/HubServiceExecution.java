package io.qhub.service.client;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One execution of a service, with blocking helpers to follow it: the Java counterpart of the official SDK's
 * {@code HubServiceExecution}. Holds the last state seen; {@link #status()} and the timestamps read it without a
 * call, {@link #refresh()} and the waits update it. Once the execution is known final, {@link #result()},
 * {@link #resultFiles()} and downloads make no further status call, and the result is fetched only once.
 * Thread-safe. Every method here delegates to {@link ReactiveHubServiceClient}.
 */
public final class HubServiceExecution {

	private final ReactiveHubServiceClient core;

	private final ServiceApiClient api;

	private final String id;

	private volatile ServiceExecution current;

	private volatile @Nullable ResultResponse result;

	HubServiceExecution(ReactiveHubServiceClient core, ServiceApiClient api, ServiceExecution current) {
		this.core = core;
		this.api = api;
		this.id = Objects.requireNonNull(current.id(), "id");
		this.current = current;
	}

	/**
	 * The client this execution belongs to (its polling policy, its service), e.g. for a tracker to poll it with.
	 * @return the reactive client
	 */
	public ReactiveHubServiceClient client() {
		return this.core;
	}

	/**
	 * The execution id.
	 * @return the id
	 */
	public String id() {
		return this.id;
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
	 * The last state seen, as the gateway's DTO.
	 * @return the execution
	 */
	public ServiceExecution execution() {
		return this.current;
	}

	/**
	 * Whether the execution has reached a final state. Like the official SDK it refreshes the state first, unless
	 * the execution is already known final (a final state never changes).
	 * @return {@code true} once SUCCEEDED, FAILED or CANCELLED
	 */
	public boolean hasFinished() {
		return this.current.status().isFinal() || refresh().status().isFinal();
	}

	/**
	 * Fetches the current state from the gateway.
	 * @return the new state
	 */
	public ServiceExecution refresh() {
		return update(Blocking.await(this.core.getServiceExecution(this.id)));
	}

	/**
	 * Waits for a final state under the client's default polling policy (timeout 30 minutes unless configured).
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState() {
		return awaitFinalState(this.core.waitForFinalState(this.current));
	}

	/**
	 * Waits for a final state, at most {@code timeout}.
	 * @param timeout the longest wait
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState(Duration timeout) {
		return awaitFinalState(this.core.waitForFinalState(this.current, timeout));
	}

	/**
	 * Waits for a final state, at most {@code timeout}, polling at least every {@code wait}.
	 * @param timeout the longest wait
	 * @param wait the longest delay between two polls
	 * @return the final state
	 * @throws ExecutionTimeoutException when the timeout passes first
	 */
	public ServiceExecution waitForFinalState(Duration timeout, Duration wait) {
		return awaitFinalState(this.core.waitForFinalState(this.current, timeout, wait));
	}

	/**
	 * The result: waits for the final state (default timeout), then fetches the result with retries. Fetched
	 * once and kept. A FAILED or CANCELLED execution yields its result response too.
	 * @return the result
	 */
	public ResultResponse result() {
		ResultResponse known = this.result;
		if (known != null) {
			return known;
		}
		ServiceExecution last = waitForFinalState();
		ResultResponse fetched = Blocking.await(this.core.fetchResult(last.id()));
		this.result = fetched;
		return fetched;
	}

	/**
	 * The result's output fields (every top-level field except {@code _links} and {@code _embedded}) read as an
	 * application type, as {@code RestClient}'s {@code body(MyResult.class)} reads a body: fields the type does not
	 * declare are ignored; a field whose JSON does not fit, or a missing primitive, fails. Waits and fetches as
	 * {@link #result()} (once).
	 * @param <T> the type
	 * @param type a record, a bean or any type Jackson reads from a JSON object
	 * @return the value
	 * @throws ResultConversionException naming the type and the field (never the value)
	 */
	public <T> T result(Class<T> type) {
		return this.core.asType(this.id, result(), type);
	}

	/**
	 * One JSON result file read as an application type (up to {@code maxJsonBodySize}, within the call timeout),
	 * with the same rules as {@link #result(Class)}.
	 * @param <T> the type
	 * @param name the file name
	 * @param type the type
	 * @return the value
	 * @throws ResultConversionException naming the file, the type and the field
	 */
	public <T> T resultFile(String name, Class<T> type) {
		return Blocking.await(this.core.resultFile(this.id, name, type));
	}

	/**
	 * Names of the downloadable result files (the result's links except {@code status} and {@code self}).
	 * @return the file names
	 */
	public List<String> resultFiles() {
		return result().fileNames();
	}

	/**
	 * Opens one result file as a stream; the caller must close it. Blocks until the gateway has answered.
	 * @param name the file name
	 * @return the open stream
	 */
	public InputStream resultFileStream(String name) {
		return this.api.getResultFile(this.id, name);
	}

	/**
	 * Downloads one result file into a directory. The name is checked (it must not contain {@code /} or
	 * {@code \}, be {@code .}, {@code ..}, empty or absolute); the bytes go to a temporary file in the same
	 * directory, moved into place only when complete, replacing an existing file. A failure leaves no partial file
	 * and an existing file unchanged.
	 * @param name the file name
	 * @param targetDirectory an existing directory
	 * @return the written file
	 * @throws IllegalArgumentException when the directory is missing or not a directory, or the name is rejected
	 */
	public Path downloadResultFile(String name, Path targetDirectory) {
		return Blocking.await(this.core.downloadResultFile(this.id, name, targetDirectory));
	}

	/**
	 * Cancels the execution and keeps the state the gateway reports.
	 * @return the state after cancelling
	 */
	public ServiceExecution cancel() {
		return update(Blocking.await(this.core.cancel(this.id)));
	}

	/**
	 * The execution's log, oldest entry first.
	 * @return the entries
	 */
	public List<LogEntry> logs() {
		return Blocking.await(this.core.logs(this.id));
	}

	private ServiceExecution awaitFinalState(Mono<ServiceExecution> wait) {
		try {
			return update(Blocking.await(wait));
		}
		catch (ExecutionTimeoutException ex) {
			update(ex.lastExecution());
			throw ex;
		}
	}

	private ServiceExecution update(ServiceExecution latest) {
		this.current = latest;
		return latest;
	}

	@Override
	public String toString() {
		return "HubServiceExecution[id=" + this.id + ", status=" + this.current.status() + "]";
	}

}
