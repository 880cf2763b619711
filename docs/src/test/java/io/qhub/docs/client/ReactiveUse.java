package io.qhub.docs.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import io.qhub.service.client.ReactiveHubServiceExecution;
import io.qhub.service.client.model.ResultResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

final class ReactiveUse {

	private static final Logger log = LoggerFactory.getLogger(ReactiveUse.class);

	private ReactiveUse() {
	}

	static Disposable watch(HubServiceClient client) {
		// tag::watch[]
		ReactiveHubServiceClient hub = client.reactive();

		// follow one execution: emits each status change, completes on the final state
		Disposable watching = hub.run(Map.of("shots", 100))
			.flatMapMany(ReactiveHubServiceExecution::watch)
			.subscribe((state) -> log.info("{} is {}", state.id(), state.status()));
		// end::watch[]
		return watching;
	}

	static List<ResultResponse> many(ReactiveHubServiceClient hub, int executions) {
		// tag::many[]
		// `executions` (1,000, say) in flight at once, awaited from one thread
		List<ResultResponse> results = Flux.range(0, executions)
			.flatMap((i) -> hub.run(Map.of("index", i)).flatMap(ReactiveHubServiceExecution::result), executions)
			.collectList()
			.block();
		// end::many[]
		return results;
	}

	static Duration ownSchedule(ReactiveHubServiceClient hub, String id) {
		// tag::own-schedule[]
		// polling on your own schedule (a job queue, a scheduler):
		// one status call, then wait as the client would
		ReactiveHubServiceExecution execution = hub.getServiceExecution(id).block();
		execution.refresh().subscribe();
		// learned from this client's executions, else the doubling schedule
		Duration next = execution.nextPollDelay();
		// end::own-schedule[]
		return next;
	}

}
