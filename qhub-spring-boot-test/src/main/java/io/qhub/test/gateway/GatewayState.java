package io.qhub.test.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The executions a {@link LocalHubGateway} has started, in start order: each gets its
 * outcome from the {@link ServiceHandler} when it starts and then follows the scripted
 * timing (PENDING, RUNNING, final).
 */
final class GatewayState {

	private final ServiceHandler handler;

	private final Duration pending;

	private final Duration run;

	private final Map<String, GatewayExecution> executions = new ConcurrentHashMap<>();

	private final Queue<String> executionOrder = new ConcurrentLinkedQueue<>();

	private final @Nullable String idPrefix;

	private final AtomicLong started = new AtomicLong();

	/**
	 * Creates the state of one gateway.
	 * @param handler the service
	 * @param pending time in PENDING
	 * @param run time in RUNNING
	 * @param idPrefix the prefix of sequential execution ids ({@code <prefix>1},
	 * {@code <prefix>2}, ...), or {@code null} for random UUIDs
	 */
	GatewayState(ServiceHandler handler, Duration pending, Duration run, @Nullable String idPrefix) {
		this.handler = handler;
		this.pending = pending;
		this.run = run;
		this.idPrefix = idPrefix;
	}

	/**
	 * The id of the next execution to start.
	 * @return {@code <prefix><n>} for the n-th execution, or a random UUID when no prefix
	 * is set
	 */
	String nextId() {
		return (this.idPrefix != null) ? this.idPrefix + this.started.incrementAndGet() : UUID.randomUUID().toString();
	}

	/**
	 * Starts an execution: asks the handler for its outcome and stores it.
	 * @param id the new execution's id
	 * @param request the request body
	 * @param now the start time
	 * @return the execution
	 */
	GatewayExecution start(String id, Map<String, @Nullable Object> request, Instant now) {
		ServiceOutcome outcome = this.handler.handle(request);
		List<?> tags = (request.get("$tags") instanceof List<?> list) ? list : List.of();
		GatewayExecution execution = new GatewayExecution(id, now, this.pending, this.run, outcome, tags);
		this.executions.put(id, execution);
		this.executionOrder.add(id);
		return execution;
	}

	/**
	 * One execution.
	 * @param id the execution id
	 * @return the execution, or {@code null} for an unknown id
	 */
	@Nullable GatewayExecution execution(String id) {
		return this.executions.get(id);
	}

	/**
	 * Every execution, oldest first.
	 * @return the executions
	 */
	List<GatewayExecution> executions() {
		List<GatewayExecution> ordered = new ArrayList<>();
		this.executionOrder.forEach((id) -> ordered.add(this.executions.get(id)));
		return ordered;
	}

	/**
	 * How many executions were started.
	 * @return the count
	 */
	int executionCount() {
		return this.executions.size();
	}

}
