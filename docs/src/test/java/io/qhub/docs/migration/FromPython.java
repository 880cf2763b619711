package io.qhub.docs.migration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.datapool.DataPoolGrant;
import io.qhub.service.datapool.DataPoolPermission;
import io.qhub.service.datapool.HubPlatformClient;

/**
 * The Python SDK's basic flow, step by step, each step after the Python it replaces.
 */
final class FromPython {

	private FromPython() {
	}

	static void basicFlow(String serviceEndpoint, String tokenEndpoint, String accessKeyId, String secretAccessKey,
			Path downloads) {
		// tag::client[]
		// HubServiceClient(service_endpoint, access_key_id, secret_access_key)
		HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(serviceEndpoint)
			.accessKeyId(accessKeyId) // both keys, or neither
			.secretAccessKey(secretAccessKey)
			.tokenEndpoint(tokenEndpoint) // the Hub's unless set
			.build(); // AutoCloseable: close() it when done
		// end::client[]
		try (client) {
			// tag::run[]
			// client.run(request={"values": [2], "shots": 100}, secrets={...},
			// tags=[...])
			HubServiceExecution execution = client.run(Map.of("values", List.of(2), "shots", 100),
					RunOptions.none().withSecrets(Map.of("ibmToken", "...")).withTags("nightly"));
			// end::run[]

			// tag::wait[]
			// execution.wait_for_final_state(timeout=300, wait=10)
			execution.waitForFinalState(Duration.ofSeconds(300), Duration.ofSeconds(10));
			System.out.println("Finished at " + execution.endedAt() + " with status " + execution.status());
			// end::wait[]

			// tag::result[]
			// execution.result()
			ResultResponse result = execution.result();
			System.out.println("Result: " + result.properties());
			// end::result[]

			// tag::files[]
			// execution.result_files(), execution.download_result_file(name, path)
			for (String fileName : execution.resultFiles()) {
				Path file = execution.downloadResultFile(fileName, downloads);
				System.out.println("Downloaded " + file);
			}
			// end::files[]

			// tag::logs[]
			// execution.logs()
			for (LogEntry entry : execution.logs()) {
				System.out.println(entry.severity() + " " + entry.timestamp() + " " + entry.message());
			}
			// end::logs[]

			// tag::cancel[]
			// execution.cancel()
			HubServiceExecution another = client.run(Map.of("shots", 1));
			another.cancel(); // another.status() is then the state the gateway answered
			System.out.println(another.id() + " is " + another.status());
			// end::cancel[]

			// tag::by-id[]
			// client.get_service_execution(id)
			HubServiceExecution byId = client.getServiceExecution(execution.id());
			System.out.println("By id: " + byId.id() + " " + byId.status());
			// end::by-id[]

			// tag::list[]
			// client.get_service_executions()
			for (HubServiceExecution each : client.getServiceExecutions()) {
				System.out.println("Listed: " + each.id() + " " + each.status() + " " + each.createdAt());
			}
			// end::list[]
		}
	}

	static HubServiceExecution grants(String serviceEndpoint, String tokenEndpoint, String accessKeyId,
			String secretAccessKey, String platformEndpoint, String apiKey, String organizationId) {
		// tag::grants[]
		// HubPlatformClient(api_key="...", organization_id="...")
		HubPlatformClient platformClient = HubPlatformClient.builder()
			.apiKey(apiKey) // else KQH_PERSONAL_ACCESS_TOKEN or the CLI's
			.organizationId(organizationId)
			.platformEndpoint(platformEndpoint) // the Hub's unless set
			.build();
		// HubServiceClient(..., platform_client=platform_client)
		HubServiceClient client = HubServiceClient.builder()
			.serviceEndpoint(serviceEndpoint)
			.tokenEndpoint(tokenEndpoint)
			.accessKeyId(accessKeyId)
			.secretAccessKey(secretAccessKey)
			.platformClient(platformClient)
			.build();
		try (platformClient; client) {
			// client.run(request={"shots": 100}, grants=[DataPoolGrant(...)])
			DataPoolGrant grant = new DataPoolGrant("input_data", "dp-abc123", "app-xyz789", DataPoolPermission.VIEW);
			HubServiceExecution execution = client.run(Map.of("shots", 100), RunOptions.none().withGrants(grant));
			execution.waitForFinalState(Duration.ofSeconds(300));
			return execution;
		}
		// end::grants[]
	}

}
