package io.qhub.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario's measuring side in a child JVM with its own heap limit: the same
 * {@code java} and class path as this JVM, the scenario's main class, arguments. The
 * child prints its result as its last JSON line on stdout; its stderr passes through.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Runs a child JVM and parses its result.
	 * @param mainClass the class whose {@code main} runs in the child
	 * @param maxHeap the {@code -Xmx} value, e.g. {@code 64m}
	 * @param args the child's arguments
	 * @return the row the child printed
	 * @throws IOException when the child cannot start or fails
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static ScenarioResult run(Class<?> mainClass, String maxHeap, List<String> args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.add("-Xmx" + maxHeap);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String json = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.startsWith("{")) {
					json = line;
				}
			}
		}
		if (!process.waitFor(30, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException("child JVM " + mainClass.getSimpleName() + " did not finish");
		}
		if (process.exitValue() != 0 || json == null) {
			throw new IOException(
					"child JVM " + mainClass.getSimpleName() + " failed with exit code " + process.exitValue());
		}
		return ScenarioResult.fromJson(json);
	}

	/**
	 * {@code null} for the {@code -} placeholder of a missing argument.
	 * @param arg the argument
	 * @return the value
	 */
	static @Nullable String orNull(String arg) {
		return "-".equals(arg) ? null : arg;
	}

	/**
	 * The {@code -} placeholder for a missing value.
	 * @param value the value
	 * @return the argument
	 */
	static String orDash(@Nullable String value) {
		return (value != null) ? value : "-";
	}

}
