package io.qhub.test.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.LocalHubGatewayBuilder;

/**
 * Starts a {@link LocalHubGateway} from a terminal, serving the echo service, until
 * Ctrl-C:
 *
 * <pre>
 * java -jar qhub-spring-boot-test-&lt;version&gt;-standalone.jar --port 8081 \
 *      --access-key-id local-id --secret-access-key local-secret
 * </pre>
 *
 * Options: {@code --host} (default 127.0.0.1), {@code --port} (default 8081, 0 for any),
 * {@code --access-key-id} and {@code --secret-access-key} (a key pair the token endpoint
 * accepts), {@code --anonymous} (serve without tokens; the default when no key pair is
 * given), {@code --service-path} (default {@code /local/echo/1.0.0}),
 * {@code --platform-api-key}, {@code --run-duration} (ISO-8601 or milliseconds, default
 * 200 ms).
 */
public final class LocalHubGatewayMain {

	private static final String USAGE = "[--host H] [--port P] [--access-key-id ID --secret-access-key SECRET] "
			+ "[--anonymous] [--service-path /ctx/svc/1.0.0] [--platform-api-key K] [--run-duration MILLIS] [--help]";

	private LocalHubGatewayMain() {
	}

	/**
	 * Entry point.
	 * @param args the options above
	 * @throws InterruptedException if interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		LocalHubGatewayBuilder builder = LocalHubGateway.builder().port(8081);
		String keyId = null;
		String secret = null;
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("--help") || option.equals("-h")) {
				System.out.println("Usage: java -jar qhub-spring-boot-test-<version>-standalone.jar " + USAGE);
				return;
			}
			if (option.equals("--anonymous")) {
				builder.anonymous(true);
				continue;
			}
			if (i + 1 >= args.length) {
				throw usage("missing value for " + option);
			}
			String value = args[++i];
			switch (option) {
				case "--host" -> builder.host(value);
				case "--port" -> builder.port(Integer.parseInt(value));
				case "--access-key-id" -> keyId = value;
				case "--secret-access-key" -> secret = value;
				case "--service-path" -> builder.servicePath(value);
				case "--platform-api-key" -> builder.platformApiKey(value);
				case "--run-duration" -> builder.timing(Duration.ofMillis(50), duration(value));
				default -> throw usage("unknown option " + option);
			}
		}
		if ((keyId == null) != (secret == null)) {
			throw usage("--access-key-id and --secret-access-key go together");
		}
		if (keyId != null) {
			builder.accessKey(keyId, secret);
		}
		LocalHubGateway gateway = builder.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			gateway.close();
			System.out.println("Local Hub gateway stopped");
			stopped.countDown();
		}, "local-hub-gateway-shutdown"));
		System.out.println("Local Hub gateway started" + ((keyId != null) ? "" : " (anonymous: no token needed)"));
		System.out.println("  service endpoint:  " + gateway.serviceEndpoint());
		System.out.println("  token endpoint:    " + gateway.tokenEndpoint());
		System.out.println("  platform endpoint: " + gateway.platformEndpoint());
		System.out.println("Press Ctrl-C to stop.");
		stopped.await();
	}

	private static Duration duration(String value) {
		return value.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(value))
				: Duration.parse(value);
	}

	private static IllegalArgumentException usage(String problem) {
		return new IllegalArgumentException(problem + "; usage: " + USAGE);
	}

}
