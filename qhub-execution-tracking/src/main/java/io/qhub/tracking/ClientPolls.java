package io.qhub.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.model.ServiceExecution;
import reactor.core.publisher.Mono;

/**
 * Every call the tracker makes on its clients, and nothing else: the service an execution's client is registered
 * under, a status poll, the delay before the next poll on the client's (learned or doubling) schedule, what a poll
 * saw (which teaches that schedule), and the delay before trying again after a failed poll or a failed delivery.
 * The client's hooks used here ({@code api()}, {@code nextPollDelay}, {@code seenFinal}, {@code pollingPolicy()})
 * are due to be replaced by an execution handle; this is the one class that changes then.
 */
final class ClientPolls {

	/** The most executions remembered as last seen running (executions delivered elsewhere are never removed). */
	private static final int MAX_SEEN_RUNNING = 65_536;

	private final Map<String, ReactiveHubServiceClient> clients;

	/** When a poll of this instance last saw an execution running, by key, for the clients' learned schedules. */
	private final Map<String, Instant> lastSeenRunning = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f,
			false) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > MAX_SEEN_RUNNING;
		}

	});

	/**
	 * Polls through the given clients.
	 * @param clients the clients by service name
	 */
	ClientPolls(Map<String, ReactiveHubServiceClient> clients) {
		this.clients = Map.copyOf(clients);
	}

	/**
	 * The names of the services polled here.
	 * @return the names
	 */
	Set<String> services() {
		return this.clients.keySet();
	}

	/**
	 * Whether this instance has a client for a service.
	 * @param service the service name
	 * @return whether it polls that service's executions
	 */
	boolean polls(String service) {
		return this.clients.containsKey(service);
	}

	/**
	 * The service an execution's client is registered under.
	 * @param execution the execution
	 * @return the service name
	 * @throws IllegalArgumentException when its client is none of these
	 */
	String serviceOf(HubServiceExecution execution) {
		return this.clients.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == execution.client())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("execution " + execution.id() + " belongs to a client "
					+ "this tracker does not poll; its services are " + this.clients.keySet()));
	}

	/**
	 * The delay before the first poll of an execution just tracked.
	 * @param service the service name (one polled here)
	 * @param id the execution id
	 * @return the delay on the client's schedule
	 */
	Duration firstPollDelay(String service, String id) {
		return client(service).nextPollDelay(id, 0);
	}

	/**
	 * One status poll.
	 * @param execution the execution (of a service polled here)
	 * @return its state, as the gateway answers it
	 */
	Mono<ServiceExecution> status(TrackedExecution execution) {
		return client(execution.service()).api().getStatus(execution.id());
	}

	/**
	 * The delay before the next poll of an execution that every poll so far saw running.
	 * @param execution the execution
	 * @param polls the polls made so far
	 * @return the delay on the client's schedule
	 */
	Duration nextPollDelay(TrackedExecution execution, int polls) {
		return client(execution.service()).nextPollDelay(execution.id(), polls);
	}

	/**
	 * The delay before trying again after a poll failed or the delivery of a completion failed: the client's
	 * polling policy's doubling schedule at the next poll.
	 * @param execution the execution
	 * @param polls the polls made so far, the failed one included
	 * @return the delay
	 */
	Duration retryDelay(TrackedExecution execution, int polls) {
		return client(execution.service()).pollingPolicy().delayBefore(polls + 1);
	}

	/**
	 * Records that a poll sent at {@code sent} saw an execution running.
	 * @param execution the execution
	 * @param sent when the poll was sent
	 */
	void seenRunning(TrackedExecution execution, Instant sent) {
		this.lastSeenRunning.put(execution.key(), sent);
	}

	/**
	 * Tells the execution's client that a poll sent at {@code sent} saw it final, so its learned schedule learns.
	 * @param execution the execution
	 * @param sent when the poll was sent
	 */
	void seenFinal(TrackedExecution execution, Instant sent) {
		client(execution.service()).seenFinal(execution.id(), this.lastSeenRunning.remove(execution.key()), sent);
	}

	/**
	 * Forgets what polls saw of an execution that is no longer tracked.
	 * @param service the service name
	 * @param id the execution id
	 */
	void forget(String service, String id) {
		this.lastSeenRunning.remove(service + "/" + id);
	}

	private ReactiveHubServiceClient client(String service) {
		ReactiveHubServiceClient client = this.clients.get(service);
		if (client == null) {
			throw new IllegalArgumentException("service '" + service + "' is not polled here");
		}
		return client;
	}

}
