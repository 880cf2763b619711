package io.qhub.docs.tracking;

// tag::experiments[]
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.tracking.HubExecutionFinished;
import io.qhub.tracking.HubExecutionTracker;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

@Service
class Experiments {

	private final HubServiceClient hub;

	private final HubExecutionTracker tracker;

	Experiments(HubServiceClient hub, HubExecutionTracker tracker) {
		this.hub = hub;
		this.tracker = tracker;
	}

	String submit(Map<String, Object> input) {
		// returns the idempotency key, "default/<id>"
		return this.tracker.track(this.hub.run(input));
	}

	@EventListener
	void finished(HubExecutionFinished finished) { // SUCCEEDED, FAILED or CANCELLED
		// delivered at least once: key what you do by finished.idempotencyKey()
		System.out.println(finished.idempotencyKey() + " finished: " + finished.execution().status());
	}

}
// end::experiments[]
