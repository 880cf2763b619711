package io.qhub.test.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.qhub.test.gateway.LocalHubGateway;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The standalone {@link LocalHubGateway} in a container, for Testcontainers: with Spring
 * Boot's {@code @ServiceConnection} it points the auto-configured clients at itself (no
 * properties needed).
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static LocalHubGatewayContainer gateway = new LocalHubGatewayContainer();
 * </pre>
 *
 * Its image is built on first use from {@code eclipse-temurin:17-jre} and the standalone
 * gateway jar ({@code io.qhub:qhub-spring-boot-test:<version>:jar:standalone}), which
 * this module's jar carries as a resource ({@value #BUNDLED_JAR}): the gateway's copies
 * of Reactor, Netty and Jackson go into the image and never onto the test's class path. A
 * jar given to {@link #LocalHubGatewayContainer(Path)} replaces it. No registry is
 * needed.
 */
public class LocalHubGatewayContainer extends GenericContainer<LocalHubGatewayContainer> {

	/** The port the gateway listens on inside the container. */
	public static final int PORT = 8081;

	/**
	 * The standalone gateway jar inside this module's jar, a resource beside this class
	 * (copied there by the build, never a class-path entry of its own).
	 */
	public static final String BUNDLED_JAR = "local-gateway.jar";

	private String accessKeyId = "local-access-key-id";

	private String secretAccessKey = "local-secret-access-key";

	private boolean anonymous;

	private String servicePath = "/local/echo/1.0.0";

	/**
	 * A container from the standalone jar this module's jar carries
	 * ({@value #BUNDLED_JAR}); in a build of this repository before that jar is packaged,
	 * from the standalone jar beside the classes of {@link LocalHubGateway}.
	 */
	public LocalHubGatewayContainer() {
		this(bundledImage());
	}

	/**
	 * A container from the given standalone jar.
	 * @param standaloneJar the {@code qhub-spring-boot-test-<version>-standalone.jar}
	 */
	public LocalHubGatewayContainer(Path standaloneJar) {
		this(image(requireFile(standaloneJar)));
	}

	// a container is configured by its own (overridable) setters in its constructor, as
	// Testcontainers' modules do; a subclass cannot rely on its fields in them
	@SuppressWarnings("this-escape")
	private LocalHubGatewayContainer(ImageFromDockerfile image) {
		super(image);
		withExposedPorts(PORT);
		waitingFor(Wait.forLogMessage(".*Local Hub gateway started.*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
	}

	/**
	 * The key pair the gateway's token endpoint accepts (and the service connection
	 * sends).
	 * @param accessKeyId the access key id
	 * @param secretAccessKey the secret access key
	 * @return this container
	 */
	public LocalHubGatewayContainer withAccessKey(String accessKeyId, String secretAccessKey) {
		this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
		this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
		this.anonymous = false;
		return this;
	}

	/**
	 * Serve without tokens; the service connection then has no key pair.
	 * @return this container
	 */
	public LocalHubGatewayContainer withAnonymousAccess() {
		this.anonymous = true;
		return this;
	}

	/**
	 * The service's path, {@code /<context>/<service>/<version>}.
	 * @param servicePath the path
	 * @return this container
	 */
	public LocalHubGatewayContainer withServicePath(String servicePath) {
		this.servicePath = Objects.requireNonNull(servicePath, "servicePath");
		return this;
	}

	@Override
	protected void configure() {
		List<String> command = new ArrayList<>(
				List.of("--host", "0.0.0.0", "--port", String.valueOf(PORT), "--service-path", this.servicePath));
		if (this.anonymous) {
			command.add("--anonymous");
		}
		else {
			command.addAll(List.of("--access-key-id", this.accessKeyId, "--secret-access-key", this.secretAccessKey));
		}
		setCommand(command.toArray(String[]::new));
	}

	/**
	 * The service endpoint on the mapped port.
	 * @return e.g. {@code http://localhost:32768/local/echo/1.0.0}
	 */
	public String serviceEndpoint() {
		return baseUrl() + this.servicePath;
	}

	/**
	 * The token endpoint on the mapped port.
	 * @return the URL
	 */
	public String tokenEndpoint() {
		return baseUrl() + LocalHubGateway.TOKEN_PATH;
	}

	/**
	 * The access key id the gateway accepts.
	 * @return the id, or {@code null} when anonymous
	 */
	public @Nullable String accessKeyId() {
		return this.anonymous ? null : this.accessKeyId;
	}

	/**
	 * The secret access key the gateway accepts.
	 * @return the secret, or {@code null} when anonymous
	 */
	public @Nullable String secretAccessKey() {
		return this.anonymous ? null : this.secretAccessKey;
	}

	private String baseUrl() {
		return "http://" + getHost() + ":" + getMappedPort(PORT);
	}

	private static ImageFromDockerfile bundledImage() {
		try (InputStream bundled = LocalHubGatewayContainer.class.getResourceAsStream(BUNDLED_JAR)) {
			if (bundled != null) {
				return image(Transferable.of(bundled.readAllBytes()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the bundled " + BUNDLED_JAR, ex);
		}
		return image(requireFile(standaloneJar()));
	}

	private static ImageFromDockerfile image(Path gatewayJar) {
		return image().withFileFromPath("gateway.jar", gatewayJar);
	}

	private static ImageFromDockerfile image(Transferable gatewayJar) {
		return image().withFileFromTransferable("gateway.jar", gatewayJar);
	}

	private static ImageFromDockerfile image() {
		return new ImageFromDockerfile("qhub/local-gateway:" + version(), false)
			.withDockerfileFromBuilder((dockerfile) -> dockerfile.from("eclipse-temurin:17-jre")
				.copy("gateway.jar", "/gateway.jar")
				.entryPoint("java", "-jar", "/gateway.jar")
				.build());
	}

	/**
	 * The standalone jar beside the code source of {@link LocalHubGateway}:
	 * {@code <name>-standalone.jar} next to {@code <name>.jar} in a repository, or in
	 * {@code target} next to {@code target/classes} in a build.
	 * @return the path where the standalone jar is expected; the file may not exist
	 */
	static Path standaloneJar() {
		Path source;
		try {
			source = Path.of(LocalHubGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot tell where " + LocalHubGateway.class + " comes from", ex);
		}
		String name = source.getFileName().toString();
		if (name.endsWith(".jar")) {
			return source.resolveSibling(name.substring(0, name.length() - 4) + "-standalone.jar");
		}
		Path target = Objects.requireNonNull(source.getParent(), "a classes directory has a parent");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-standalone.jar"))
				.findFirst()
				.orElse(target.resolve("qhub-spring-boot-test-" + version() + "-standalone.jar"));
		}
		catch (java.io.IOException ex) {
			return target.resolve("qhub-spring-boot-test-" + version() + "-standalone.jar");
		}
	}

	private static Path requireFile(Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The standalone local gateway jar " + jar + " does not exist, and "
					+ LocalHubGatewayContainer.class.getName() + " found no bundled " + BUNDLED_JAR + " beside it "
					+ "(is qhub-spring-boot-testcontainers on the class path as its jar?): pass the path of "
					+ "io.qhub:qhub-spring-boot-test:" + version() + ":jar:standalone to "
					+ "new LocalHubGatewayContainer(Path)");
		}
		return jar;
	}

	private static String version() {
		String version = LocalHubGateway.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
