package io.qhub.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the reference guide's property tables (Configuration, Tracking) and the generated
 * configuration metadata in step: every key of the metadata is in the table, with the
 * same default where the metadata has one, and every key of the table exists. A service's
 * keys have no default in the metadata (the client's applies);
 * {@link ServicePropertiesDefaultsTests} pins the table's defaults of those to the
 * client's.
 */
class ConfigurationReferenceTableTests {

	@Test
	void tableMatchesMetadata() throws Exception {
		Map<String, String> metadata = metadataDefaults();
		Map<String, String> table = ReferenceGuideTable.defaults();
		assertThat(metadata).isNotEmpty();
		for (Map.Entry<String, String> property : metadata.entrySet()) {
			String key = property.getKey().equals("qhub.services") ? "qhub.services.<name>.*" : property.getKey();
			assertThat(table).as("guide row for %s", key).containsKey(key);
			if (property.getValue() != null) {
				assertThat(table.get(key)).as("guide default of %s", key).isEqualTo(property.getValue());
			}
		}
		List<String> unknown = new ArrayList<>(table.keySet());
		unknown.remove("qhub.services.<name>.*");
		unknown.removeAll(metadata.keySet());
		assertThat(unknown).as("guide rows without a property").isEmpty();
	}

	/** The metadata's defaults by key, {@code null} where it has none. */
	private static Map<String, String> metadataDefaults() throws Exception {
		Map<String, String> defaults = new LinkedHashMap<>();
		try (InputStream in = ConfigurationReferenceTableTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (JsonNode property : root.get("properties")) {
				JsonNode value = property.get("defaultValue");
				defaults.put(property.get("name").asString(), (value != null) ? value.asString() : null);
			}
		}
		return defaults;
	}

}
