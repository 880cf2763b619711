package io.qhub.service.datapool;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where ambient platform credentials are looked up: environment variables and the user's
 * home directory. The default is the real process environment; tests pass their own so
 * they never read the developer's.
 *
 * @param variables environment variables by name
 * @param home the user's home directory
 */
public record PlatformEnvironment(Map<String, String> variables, Path home) {

	/** Copies the variables. */
	public PlatformEnvironment {
		variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
		Objects.requireNonNull(home, "home");
	}

	/**
	 * The process environment and {@code user.home}.
	 * @return the system environment
	 */
	public static PlatformEnvironment system() {
		return new PlatformEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
	}

	/**
	 * A variable's value when set and not blank.
	 * @param name the variable
	 * @return the value, or {@code null}
	 */
	@Nullable String variable(String name) {
		String value = this.variables.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
