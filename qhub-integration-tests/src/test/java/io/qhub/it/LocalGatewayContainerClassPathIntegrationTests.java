package io.qhub.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import io.qhub.test.testcontainers.LocalHubGatewayContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that runs a {@link LocalHubGatewayContainer} as a user's test does (the default
 * constructor: the standalone gateway jar bundled in
 * {@code qhub-spring-boot-testcontainers}) keeps its class path to one copy of each
 * library: {@link Mono} and {@link Schedulers} load from the reactor-core jar, and the
 * gateway's own copies of Reactor, Netty and Jackson go into the image only. Skipped when
 * no container engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalGatewayContainerClassPathIntegrationTests {

	@Container
	static final LocalHubGatewayContainer gateway = new LocalHubGatewayContainer();

	@Test
	void reactorLoadsFromReactorCoreWhileTheContainerRuns() throws Exception {
		assertThat(gateway.isRunning()).isTrue();

		assertThat(codeSource(Mono.class).getFileName().toString()).matches("reactor-core-\\d.*\\.jar");
		assertThat(codeSource(Schedulers.class)).isEqualTo(codeSource(Mono.class));
		for (String type : List.of("reactor/core/publisher/Mono.class", "reactor/netty/http/server/HttpServer.class",
				"io/netty/channel/Channel.class", "tools/jackson/databind/ObjectMapper.class")) {
			assertThat(Collections.list(getClass().getClassLoader().getResources(type))).as(type).hasSize(1);
		}
	}

	@Test
	void theGatewaysOwnCopiesAreInsideTheBundledJarOnly() throws IOException {
		URL bundled = LocalHubGatewayContainer.class.getResource(LocalHubGatewayContainer.BUNDLED_JAR);
		assertThat(bundled).as("the standalone jar bundled in qhub-spring-boot-testcontainers' jar").isNotNull();
		boolean carriesMono = false;
		try (InputStream in = bundled.openStream(); JarInputStream jar = new JarInputStream(in)) {
			for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
				carriesMono |= entry.getName().equals("reactor/core/publisher/Mono.class");
			}
		}
		assertThat(carriesMono).as("the bundled gateway jar carries its own Reactor").isTrue();
	}

	private static Path codeSource(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
	}

}
