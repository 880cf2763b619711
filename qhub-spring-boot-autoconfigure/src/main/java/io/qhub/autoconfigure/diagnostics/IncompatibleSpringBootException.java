package io.qhub.autoconfigure.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The application runs on a Spring Boot line this release of qhub-spring-boot does not
 * support; thrown by {@link HubCompatibilityVerifier} before any bean is created and
 * reported by {@link IncompatibleSpringBootFailureAnalyzer}.
 */
public class IncompatibleSpringBootException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final List<String> supportedLines;

	/**
	 * Creates an exception.
	 * @param bootVersion the running Spring Boot version, e.g. {@code 3.5.7}
	 * @param supportedLines the supported lines as {@code major.minor}, e.g.
	 * {@code [4.0, 4.1]}
	 */
	public IncompatibleSpringBootException(String bootVersion, List<String> supportedLines) {
		super(describe(bootVersion, supportedLines) + " Use Spring Boot " + inWords(supportedLines, "or") + ", or set "
				+ HubCompatibilityVerifier.ENABLED_PROPERTY + "=false to start anyway.");
		this.description = describe(bootVersion, supportedLines);
		this.supportedLines = List.copyOf(supportedLines);
	}

	/**
	 * What is wrong, in one sentence.
	 * @return e.g.
	 * {@code qhub-spring-boot 0.1.0 supports Spring Boot 4.0.x and 4.1.x, but this application runs
	 * Spring Boot 3.5.7.}
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The supported lines.
	 * @return e.g. {@code [4.0, 4.1]}
	 */
	public List<String> getSupportedLines() {
		return this.supportedLines;
	}

	/**
	 * The supported lines as one may use them.
	 * @return e.g. {@code 4.0.x or 4.1.x}
	 */
	String supportedLinesToChoose() {
		return inWords(this.supportedLines, "or");
	}

	private static String inWords(List<String> lines, String conjunction) {
		List<String> patterns = lines.stream().map((line) -> line + ".x").toList();
		return (patterns.size() == 1) ? patterns.get(0)
				: patterns.stream().limit(patterns.size() - 1).collect(Collectors.joining(", ")) + " " + conjunction
						+ " " + patterns.get(patterns.size() - 1);
	}

	private static String describe(String bootVersion, List<String> supportedLines) {
		String release = IncompatibleSpringBootException.class.getPackage().getImplementationVersion();
		return "qhub-spring-boot" + ((release != null) ? " " + release : "") + " supports Spring Boot "
				+ inWords(supportedLines, "and") + ", but this application runs Spring Boot " + bootVersion + ".";
	}

}
