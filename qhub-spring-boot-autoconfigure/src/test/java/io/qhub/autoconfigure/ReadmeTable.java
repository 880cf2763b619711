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
 * The README's property tables: each row's key and its default as written ({@code ""}
 * when it shows none).
 */
final class ReadmeTable {

	private static final Pattern ROW = Pattern
		.compile("^\\| `((?:management\\.(?:health|endpoint)\\.qhub[a-z]*|qhub)\\.[^`]+)` \\|\\s*(`([^`]*)`)?\\s*\\|");

	private ReadmeTable() {
	}

	/**
	 * The defaults by key, in the order of the README.
	 * @return the defaults
	 */
	static Map<String, String> defaults() {
		Map<String, String> rows = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(Path.of("../README.md"))) {
				Matcher row = ROW.matcher(line);
				if (row.find()) {
					rows.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
