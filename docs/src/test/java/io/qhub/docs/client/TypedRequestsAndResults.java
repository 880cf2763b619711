package io.qhub.docs.client;

import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;

// tag::typed[]
class TypedRequestsAndResults {

	private final HubServiceClient hub;

	TypedRequestsAndResults(HubServiceClient hub) {
		this.hub = hub;
	}

	List<Counts> bell() {
		// $tags, $secrets and grants as for a map
		HubServiceExecution execution = this.hub.run(new BellCircuit("bell", 100),
				RunOptions.none().withTags("nightly"));
		// the output fields, as a record
		Counts counts = execution.result(Counts.class);
		// a JSON result file, as a record
		Counts fromFile = execution.resultFile("counts.json", Counts.class);
		// reactive: execution.reactive().result(Counts.class),
		// execution.reactive().resultFile("counts.json", Counts.class)
		return List.of(counts, fromFile);
	}

	record BellCircuit(String circuit, int shots) {
	}

	record Counts(Map<String, Integer> counts, int shots) {
	}

}
// end::typed[]
