package io.qhub.docs.gettingstarted;

// tag::imports[]
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.model.ResultResponse;

import org.springframework.stereotype.Service;

// end::imports[]
// tag::simulations[]
@Service
class Simulations {

	private final HubServiceClient hub;

	Simulations(HubServiceClient hub) {
		this.hub = hub;
	}

	ResultResponse simulate(int shots) {
		HubServiceExecution execution = this.hub.run(Map.of("values", List.of(2), "shots", shots));
		execution.waitForFinalState(Duration.ofMinutes(5));
		return execution.result();
	}

}
// end::simulations[]
