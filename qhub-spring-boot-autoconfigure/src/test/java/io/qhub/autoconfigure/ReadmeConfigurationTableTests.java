package io.qhub.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's "Configuration" table and the generated configuration metadata in step: every key of the
 * metadata is in the table with the same default, and every key of the table exists.
 */
class ReadmeConfigurationTableTests {

	private static final Pattern ROW = Pattern.compile("^\\| `((?:management\\.health\\.)?qhub\\.[^`]+)` \\|\\s*(`([^`]*)`)?\\s*\\|");

	@Test
	void tableMatchesMetadata() throws Exception {
		Map<String, String> metadata = metadataDefaults();
		Map<String, String> table = readmeTable();
		assertThat(metadata).isNotEmpty();
		for (Map.Entry<String, String> property : metadata.entrySet()) {
			String key = property.getKey().equals("qhub.services") ? "qhub.services.<name>.*" : property.getKey();
			assertThat(table).as("README row for %s", key).containsKey(key);
			assertThat(table.get(key)).as("README default of %s", key).isEqualTo(property.getValue());
		}
		List<String> unknown = new ArrayList<>(table.keySet());
		unknown.remove("qhub.services.<name>.*");
		unknown.removeAll(metadata.keySet());
		assertThat(unknown).as("README rows without a property").isEmpty();
	}

	private static Map<String, String> metadataDefaults() throws Exception {
		Map<String, String> defaults = new LinkedHashMap<>();
		try (InputStream in = ReadmeConfigurationTableTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (JsonNode property : root.get("properties")) {
				JsonNode value = property.get("defaultValue");
				defaults.put(property.get("name").asString(), (value == null) ? "" : value.asString());
			}
		}
		return defaults;
	}

	private static Map<String, String> readmeTable() throws Exception {
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("../README.md"))) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				rows.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
			}
		}
		return rows;
	}

}
