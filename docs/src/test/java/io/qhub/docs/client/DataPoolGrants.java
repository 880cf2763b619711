package io.qhub.docs.client;

import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.DataPoolPermission;

final class DataPoolGrants {

	private DataPoolGrants() {
	}

	static HubServiceExecution run(HubServiceClient hub) {
		// tag::grants[]
		DataPoolGrant input = new DataPoolGrant("input_data", "dp-abc123", "app-xyz789", DataPoolPermission.VIEW);
		// the permission is MODIFY unless given
		DataPoolGrant output = new DataPoolGrant("output_data", "dp-def456", "app-xyz789");
		HubServiceExecution execution = hub.run(Map.of("shots", 100), RunOptions.none().withGrants(input, output));
		// end::grants[]
		return execution;
	}

}
