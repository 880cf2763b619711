package io.qhub.docs.configuration;

import java.util.Map;

import io.qhub.autoconfigure.HubServiceClients;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.model.ResultResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

// tag::pipeline[]
@Service
class Pipeline {

	private final HubServiceClient simulator;

	private final HubServiceClient optimizer;

	private final HubServiceClients all;

	Pipeline(HubServiceClient simulator, @Qualifier("optimizer") HubServiceClient optimizer, HubServiceClients all) {
		this.simulator = simulator; // qhub.service: @Primary, "default" in all
		this.optimizer = optimizer; // qhub.services.optimizer, as all.get("optimizer")
		this.all = all; // all.names() lists every configured service
	}

	ResultResponse simulateThenOptimize(int shots) {
		ResultResponse simulated = this.simulator.run(Map.of("shots", shots)).result();
		return this.optimizer.run(Map.of("counts", simulated.properties())).result();
	}

	ResultResponse runOn(String service, Map<String, Object> request) {
		// a service chosen at run time, by its name
		return this.all.get(service).run(request).result();
	}

}
// end::pipeline[]
