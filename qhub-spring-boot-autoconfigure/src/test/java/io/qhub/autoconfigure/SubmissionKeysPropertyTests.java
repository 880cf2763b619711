package io.qhub.autoconfigure;

import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.RunOptions;
import io.qhub.test.gateway.GatewayOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code qhub.service.submission-keys}: on by default, each start carries a submission
 * key in {@code $tags}; {@code false} switches it off, for the default service and, by
 * inheritance, the named ones.
 */
class SubmissionKeysPropertyTests {

	@RegisterExtension
	final LocalHubGatewayContext hub = LocalHubGatewayContext.withKeyPair("id", "secret");

	@Test
	void startsCarryASubmissionKeyByDefault() {
		this.hub.runner().withPropertyValues(properties()).run((context) -> {
			context.getBean(HubServiceClient.class).run(Map.of("shots", 1));
			assertThat(lastStart()).contains("\"$tags\":[\"" + RunOptions.SUBMISSION_KEY_TAG_PREFIX);
		});
	}

	@Test
	void falseSwitchesSubmissionKeysOffForEveryService() {
		this.hub.runner()
			.withPropertyValues(properties())
			.withPropertyValues("qhub.service.submission-keys=false",
					"qhub.services.other.endpoint=" + this.hub.gateway().serviceEndpoint())
			.run((context) -> {
				context.getBean(HubServiceClient.class).run(Map.of("shots", 1));
				assertThat(lastStart()).doesNotContain("$tags");
				context.getBean(HubServiceClients.class).get("other").run(Map.of("shots", 2));
				assertThat(lastStart()).doesNotContain("$tags");
			});
	}

	private String[] properties() {
		return new String[] { "qhub.service.endpoint=" + this.hub.gateway().serviceEndpoint(),
				"qhub.service.token-endpoint=" + this.hub.gateway().tokenEndpoint(), "qhub.service.access-key-id=id",
				"qhub.service.secret-access-key=secret" };
	}

	private String lastStart() {
		var starts = this.hub.gateway().requests(GatewayOperation.START_EXECUTION);
		return starts.get(starts.size() - 1).body();
	}

}
