package io.qhub.service.datapool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.qhub.service.core.HubClientException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Hub CLI's config file ({@code qhubctl login} writes it):
 * {@code $KQH_CONFIG_FILE_PATH}, else {@code ~/.config/planqk/config.json}. Holds the
 * personal access token at {@code auth.value} and the active context at {@code context}.
 * A missing file reads as empty; an unreadable or malformed one fails with a message
 * naming its path.
 */
final class CliConfigFile {

	static final String CONFIG_FILE_VARIABLE = "KQH_CONFIG_FILE_PATH";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private CliConfigFile() {
	}

	static Path location(PlatformEnvironment environment) {
		String configured = environment.variable(CONFIG_FILE_VARIABLE);
		return (configured != null) ? Path.of(configured)
				: environment.home().resolve(".config").resolve("planqk").resolve("config.json");
	}

	/**
	 * Reads the file.
	 * @param environment where to look
	 * @return the file's top-level object, or empty when there is no file
	 * @throws HubClientException naming the path when the file cannot be read or is not a
	 * JSON object
	 */
	static Optional<Map<String, @Nullable Object>> read(PlatformEnvironment environment) {
		Path path = location(environment);
		if (!Files.isRegularFile(path)) {
			return Optional.empty();
		}
		try {
			return Optional.of(MAPPER.readValue(Files.readAllBytes(path), OBJECT));
		}
		catch (IOException | RuntimeException ex) {
			throw new HubClientException("The Hub CLI config file " + path + " is malformed or unreadable ("
					+ ex.getClass().getSimpleName() + "); fix or delete it, or set KQH_PERSONAL_ACCESS_TOKEN", null);
		}
	}

	static @Nullable Object at(Map<String, @Nullable Object> config, String object, String field) {
		return (config.get(object) instanceof Map<?, ?> map) ? map.get(field) : null;
	}

}
