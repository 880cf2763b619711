package io.qhub.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference guide's property tables ({@code docs/src/docs/asciidoc}, pages
 * {@code configuration.adoc} and {@code tracking.adoc}): each row's key and its default
 * as written ({@code ""} when it shows none).
 */
final class ReferenceGuideTable {

	private static final Pattern ROW = Pattern
		.compile("^\\|`((?:management\\.(?:health|endpoint)\\.qhub[a-z]*|qhub)\\.[^`]+)` \\|\\s*(`([^`]*)`)?\\s*\\|");

	/** The header row of a property table: other tables (meters, faults) are not read. */
	private static final String HEADER = "|Property |Default |Description";

	private static final String[] PAGES = { "configuration.adoc", "tracking.adoc" };

	private ReferenceGuideTable() {
	}

	/**
	 * The defaults by key, in the order of the guide.
	 * @return the defaults
	 */
	static Map<String, String> defaults() {
		Map<String, String> rows = new LinkedHashMap<>();
		try {
			for (String page : PAGES) {
				boolean inPropertyTable = false;
				for (String line : Files.readAllLines(Path.of("../docs/src/docs/asciidoc", page))) {
					if (line.equals(HEADER) || line.equals("|===")) {
						inPropertyTable = line.equals(HEADER);
						continue;
					}
					Matcher row = ROW.matcher(line);
					if (inPropertyTable && row.find()) {
						rows.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
