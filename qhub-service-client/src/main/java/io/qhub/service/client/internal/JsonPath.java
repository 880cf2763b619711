package io.qhub.service.client.internal;

import java.util.List;

import tools.jackson.core.JacksonException;

/**
 * Where in a JSON value Jackson failed, in the notation the client's messages use:
 * {@code circuit.gates[2]}. Public for the client's result conversion; not an API (this
 * package is not exported).
 */
public final class JsonPath {

	private JsonPath() {
	}

	/**
	 * The path of a Jackson failure.
	 * @param references the exception's path, outermost first
	 * @return the path, empty for the value as a whole
	 */
	public static String of(List<JacksonException.Reference> references) {
		String path = "";
		for (JacksonException.Reference reference : references) {
			path = (reference.getPropertyName() != null) ? join(path, reference.getPropertyName())
					: (reference.getIndex() >= 0) ? path + "[" + reference.getIndex() + "]" : path;
		}
		return path;
	}

	/**
	 * A key below a path.
	 * @param path the path, empty at the top
	 * @param key the key
	 * @return {@code path.key}, or {@code key} at the top
	 */
	static String join(String path, String key) {
		return path.isEmpty() ? key : path + "." + key;
	}

}
