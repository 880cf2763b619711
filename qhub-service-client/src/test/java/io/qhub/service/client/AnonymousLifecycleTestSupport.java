package io.qhub.service.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.qhub.service.client.fixtures.LifecycleFixtures;
import io.qhub.service.client.testing.VirtualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Shared set-up of the lifecycle tests: a WireMock gateway whose {@code POST /} starts a
 * PENDING execution, and an anonymous client on virtual time (waits and retries recorded,
 * not slept), closed after each test.
 */
abstract class AnonymousLifecycleTestSupport {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	protected final VirtualTime vt = new VirtualTime();

	protected HubServiceClient client;

	@BeforeEach
	void startClient() {
		this.client = LifecycleFixtures.anonymous(wm, this.vt).build();
		wm.stubFor(post(urlPathEqualTo(LifecycleFixtures.BASE + "/"))
			.willReturn(LifecycleFixtures.created(LifecycleFixtures.execution("PENDING"))));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

}
