package io.qhub.service.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The result of an execution ({@code GET /{id}/result}): the service's own output fields,
 * HAL {@code _links} (one per downloadable result file, plus the navigational
 * {@code status} and {@code self}) and {@code _embedded}.
 *
 * @param links the {@code _links} object by relation, in wire order; empty when the
 * gateway sent none
 * @param embedded the {@code _embedded} object
 * @param properties the service's own output fields (every top-level key except
 * {@code _links} and {@code _embedded}), in wire order; values are JSON-shaped
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or
 * {@code null})
 */
public record ResultResponse(Map<String, HalLink> links, Embedded embedded, Map<String, @Nullable Object> properties) {

	private static final Set<String> NAVIGATIONAL_LINKS = Set.of("status", "self");

	/** Copies the maps, keeping their order, so the record is immutable. */
	public ResultResponse {
		links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
		properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	/**
	 * Names of the downloadable result files: the keys of {@code _links} except the
	 * navigational {@code status} and {@code self}, in wire order (as the official SDK's
	 * {@code result_files()}).
	 * @return the file names, possibly empty
	 */
	public List<String> fileNames() {
		return this.links.keySet().stream().filter((name) -> !NAVIGATIONAL_LINKS.contains(name)).toList();
	}

	/**
	 * The {@code _embedded} object of a result.
	 *
	 * @param status the embedded execution, {@code null} when not sent
	 */
	public record Embedded(@Nullable ServiceExecution status) {

		/** An empty embedded object. */
		public static final Embedded EMPTY = new Embedded(null);

	}

}
