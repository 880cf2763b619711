package io.qhub.service.core;

/**
 * A result, or a JSON result file, could not be read as the type asked for: names the
 * type and the field (its JSON path, e.g. {@code energies[2]}), and why, never the value
 * (a result may echo what was sent, so the mapper's own exception, whose message quotes
 * it, is not kept as the cause). Permanent: the same answer converts the same way next
 * time.
 */
public class ResultConversionException extends HubClientException {

	private static final long serialVersionUID = 1L;

	private final String targetType;

	private final String field;

	/**
	 * Creates the exception.
	 * @param what what was converted, e.g. {@code "Result of execution 42"}
	 * @param targetType the type asked for
	 * @param field the JSON path of the field that failed, empty for the whole value
	 * @param reason why, without the value
	 */
	public ResultConversionException(String what, Class<?> targetType, String field, String reason) {
		super(what + " cannot be read as " + targetType.getName() + (field.isEmpty() ? "" : ": field '" + field + "'")
				+ " " + reason, null, FailureKind.PERMANENT);
		this.targetType = targetType.getName();
		this.field = field;
	}

	/**
	 * The type the value was to be read as.
	 * @return its class name
	 */
	public String targetType() {
		return this.targetType;
	}

	/**
	 * The field that could not be read.
	 * @return its JSON path, e.g. {@code energies[2]}; empty when the value as a whole
	 * did not fit
	 */
	public String field() {
		return this.field;
	}

}
