package io.qhub.service.client;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.qhub.service.client.LifecycleFixtures.BASE;
import static io.qhub.service.client.LifecycleFixtures.created;
import static io.qhub.service.client.LifecycleFixtures.execution;

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
		wm.stubFor(post(urlPathEqualTo(BASE + "/")).willReturn(created(execution("PENDING"))));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

}
