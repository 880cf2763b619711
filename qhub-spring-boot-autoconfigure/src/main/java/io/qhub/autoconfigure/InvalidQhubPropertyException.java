package io.qhub.autoconfigure;

/**
 * A {@code qhub.*} property holds a value the client cannot start with. Names the property, says what is wrong and
 * how to fix it; never shows a secret's value. Turned into Spring Boot's failure report by
 * {@link InvalidQhubPropertyFailureAnalyzer}.
 */
public class InvalidQhubPropertyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Creates an exception.
	 * @param property the full property name, e.g. {@code qhub.service.endpoint}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidQhubPropertyException(String property, String problem, String action) {
		super("Invalid property '" + property + "': " + problem + ". " + action);
		this.property = property;
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
