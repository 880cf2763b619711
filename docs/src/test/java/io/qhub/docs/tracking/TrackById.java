package io.qhub.docs.tracking;

import java.util.Map;

import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.tracking.HubExecutionTracker;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;

@Service
class TrackById {

	private final ReactiveHubServiceClient hub;

	private final HubExecutionTracker tracker;

	TrackById(ReactiveHubServiceClient hub, HubExecutionTracker tracker) {
		this.hub = hub;
		this.tracker = tracker;
	}

	// tag::track-by-id[]
	Mono<String> submit(Map<String, Object> input) {
		return this.hub.run(input)
			.flatMap(ReactiveHubServiceExecution::refresh) // a state, not a handle
			.publishOn(Schedulers.boundedElastic()) // track writes: not on the event loop
			.map((execution) -> this.tracker.track("default", execution.id()));
	}
	// end::track-by-id[]

}
