package io.qhub.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The harness's command line: which scenarios, smoke or full sizes, and an optional
 * external gateway.
 *
 * @param scenarios the scenarios to run (1 to 10)
 * @param smoke tiny sizes, one measured run, no warm-up: proves the harness works,
 * measures nothing
 * @param gateway an external service endpoint, or {@code null} for a
 * {@code LocalHubGateway}
 * @param tokenEndpoint the external gateway's token endpoint
 * @param accessKeyId the external gateway's access key id
 * @param secretAccessKey the external gateway's secret
 */
public record HarnessOptions(Set<Integer> scenarios, boolean smoke, @Nullable String gateway,
		@Nullable String tokenEndpoint, @Nullable String accessKeyId, @Nullable String secretAccessKey) {

	/** Every scenario. */
	public static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

	/** Copies the scenario set, sorted. */
	public HarnessOptions {
		scenarios = java.util.Collections.unmodifiableSet(new TreeSet<>(scenarios));
	}

	/**
	 * Parses
	 * {@code [--scenario N]... [--smoke] [--gateway URL --token-endpoint URL --access-key-id X
	 * --secret-access-key Y]}.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException on an unknown or incomplete argument
	 */
	public static HarnessOptions parse(String... args) {
		Set<Integer> scenarios = new TreeSet<>();
		boolean smoke = false;
		String gateway = null;
		String tokenEndpoint = null;
		String accessKeyId = null;
		String secretAccessKey = null;
		List<String> rest = new ArrayList<>(List.of(args));
		while (!rest.isEmpty()) {
			String arg = rest.remove(0);
			switch (arg) {
				case "--smoke" -> smoke = true;
				case "--scenario" -> {
					for (String id : value(rest, arg).split(",")) {
						int scenario = Integer.parseInt(id.trim());
						if (!ALL.contains(scenario)) {
							throw new IllegalArgumentException("no scenario " + scenario + " (1 to 10)");
						}
						scenarios.add(scenario);
					}
				}
				case "--gateway" -> gateway = value(rest, arg);
				case "--token-endpoint" -> tokenEndpoint = value(rest, arg);
				case "--access-key-id" -> accessKeyId = value(rest, arg);
				case "--secret-access-key" -> secretAccessKey = value(rest, arg);
				default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage());
			}
		}
		return new HarnessOptions(scenarios.isEmpty() ? ALL : scenarios, smoke, gateway, tokenEndpoint, accessKeyId,
				secretAccessKey);
	}

	/**
	 * Whether the scenarios run against an external gateway.
	 * @return {@code true} with {@code --gateway}
	 */
	public boolean external() {
		return this.gateway != null;
	}

	/**
	 * The usage text.
	 * @return the text
	 */
	public static String usage() {
		return "usage: java -jar benchmarks.jar [--scenario N[,M]]... [--smoke] "
				+ "[--gateway SERVICE_URL [--token-endpoint URL --access-key-id ID --secret-access-key SECRET]]";
	}

	private static String value(List<String> rest, String arg) {
		if (rest.isEmpty()) {
			throw new IllegalArgumentException(arg + " needs a value\n" + usage());
		}
		return rest.remove(0);
	}

}
