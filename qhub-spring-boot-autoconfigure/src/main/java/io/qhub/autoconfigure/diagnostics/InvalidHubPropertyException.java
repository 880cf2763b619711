package io.qhub.autoconfigure.diagnostics;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A {@code qhub.*} property holds a value the client cannot start with. Speaks in
 * property names only: names the property, shows its value as written (never a secret's)
 * and where it was written (file and line, when Spring Boot knows it), states the rule it
 * breaks and how to fix it. Turned into Spring Boot's failure report by
 * {@link InvalidHubPropertyFailureAnalyzer}.
 */
public class InvalidHubPropertyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final @Nullable String origin;

	private final String problem;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, e.g. {@code qhub.service.endpoint}
	 * @param value the value as written, {@code null} when unset; {@code ******} for a
	 * secret
	 * @param origin where the value was written, e.g.
	 * {@code class path resource [application.yml] - 3:15}, or {@code null}
	 * @param problem what is wrong with it, e.g. {@code "it must be positive"}
	 * @param action how to fix it
	 */
	public InvalidHubPropertyException(String property, @Nullable String value, @Nullable String origin, String problem,
			String action) {
		super("Invalid property '" + property + "'" + ((value != null) ? " = '" + value + "'" : "")
				+ ((origin != null) ? " (" + origin + ")" : "") + ": " + problem + ". " + action);
		this.property = property;
		this.value = value;
		this.origin = origin;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The property at fault.
	 * @return the full property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The value as written ({@code ******} for a secret).
	 * @return the value, empty when the property is not set
	 */
	public Optional<String> getValue() {
		return Optional.ofNullable(this.value);
	}

	/**
	 * Where the value was written.
	 * @return the origin, e.g. {@code class path resource [application.yml] - 3:15},
	 * empty when unknown
	 */
	public Optional<String> getOrigin() {
		return Optional.ofNullable(this.origin);
	}

	/**
	 * What is wrong.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
