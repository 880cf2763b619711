package io.qhub.tracking;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.core.Backoff;
import reactor.core.publisher.Mono;

/**
 * Every call the tracker makes on its clients, and nothing else, all through the clients'
 * public execution-handle API: the service an execution belongs to
 * ({@link ReactiveHubServiceExecution#serviceName()}), a status poll
 * ({@link ReactiveHubServiceExecution#refresh()}, which teaches the client's learned
 * schedule what it sees), the delay before the next poll on the client's schedule
 * ({@link ReactiveHubServiceExecution#nextPollDelay()}), and the delay before trying
 * again after a failed poll or a failed delivery (the tracker's own {@link Backoff}). The
 * handles of the executions this instance polls are kept, bounded; an execution without
 * one (tracked before a restart, or by another instance) gets one from its first poll
 * ({@code getServiceExecution}).
 */
final class ClientPolls {

	/**
	 * The most handles kept (executions delivered elsewhere are never removed here, so
	 * the eldest go).
	 */
	private static final int MAX_HANDLES = 65_536;

	private final Map<String, ReactiveHubServiceClient> clients;

	private final Backoff retryBackoff;

	private final Map<String, ReactiveHubServiceExecution> handles = Collections
		.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ReactiveHubServiceExecution> eldest) {
				return size() > MAX_HANDLES;
			}

		});

	/**
	 * Polls through the given clients.
	 * @param clients the clients by service name
	 * @param retryBackoff the delay after a failed poll or delivery, by the number of
	 * polls made
	 */
	ClientPolls(Map<String, ReactiveHubServiceClient> clients, Backoff retryBackoff) {
		this.clients = Map.copyOf(clients);
		this.retryBackoff = retryBackoff;
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
	 * Takes an execution's handle for its polls: the service its client is registered
	 * under.
	 * @param execution the execution
	 * @return the service name
	 * @throws IllegalArgumentException when its service is none of these
	 */
	String adopt(ReactiveHubServiceExecution execution) {
		String service = this.clients.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().serviceName().equals(execution.serviceName()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"execution " + execution.id() + " belongs to service '" + execution.serviceName()
							+ "', which this tracker does not poll; its services are " + this.clients.keySet()));
		this.handles.put(service + "/" + execution.id(), execution);
		return service;
	}

	/**
	 * The delay before the first poll of an execution just tracked.
	 * @param service the service name (one polled here)
	 * @param id the execution id
	 * @return the delay on the client's schedule
	 */
	Duration firstPollDelay(String service, String id) {
		return handle(service, id).nextPollDelay();
	}

	/**
	 * One status poll.
	 * @param execution the execution (of a service polled here)
	 * @return its state, as the gateway answers it
	 */
	Mono<ServiceExecution> status(TrackedExecution execution) {
		return handle(execution.service(), execution.id()).refresh();
	}

	/**
	 * The delay before the next poll of an execution that every poll so far saw running,
	 * counted by its handle.
	 * @param execution the execution
	 * @return the delay on the client's schedule
	 */
	Duration nextPollDelay(TrackedExecution execution) {
		return handle(execution.service(), execution.id()).nextPollDelay();
	}

	/**
	 * The delay before trying again after a poll failed or the delivery of a completion
	 * failed: the tracker's backoff at the next poll.
	 * @param polls the polls made so far, the failed one included
	 * @return the delay
	 */
	Duration retryDelay(int polls) {
		return this.retryBackoff.delay(polls + 1);
	}

	/**
	 * Lets go of an execution seen final (its handle's refresh taught the client's
	 * schedule).
	 * @param execution the execution
	 */
	void finished(TrackedExecution execution) {
		this.handles.remove(execution.key());
	}

	/**
	 * Forgets an execution that is no longer tracked.
	 * @param service the service name
	 * @param id the execution id
	 */
	void forget(String service, String id) {
		this.handles.remove(service + "/" + id);
	}

	/**
	 * The handle an execution is polled through: the one handed over with it, the one its
	 * earlier polls here used, or a new one attached by id (an execution tracked before a
	 * restart, or by another instance).
	 * @param service the service name (one polled here)
	 * @param id the execution id
	 * @return the handle
	 */
	private ReactiveHubServiceExecution handle(String service, String id) {
		return this.handles.computeIfAbsent(service + "/" + id, (key) -> client(service).execution(id));
	}

	private ReactiveHubServiceClient client(String service) {
		ReactiveHubServiceClient client = this.clients.get(service);
		if (client == null) {
			throw new IllegalArgumentException("service '" + service + "' is not polled here");
		}
		return client;
	}

}
