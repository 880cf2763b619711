package io.qhub.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One row of the report: the scenario, its variant and its metrics in insertion order.
 * Printed as one JSON line; the keys every row may carry are the constants below,
 * scenario-specific details are added under their own names.
 */
public final class ScenarioResult {

	/** Number of executions (or calls) measured. */
	public static final String N = "n";

	/** Median wall time in seconds. */
	public static final String WALL_SECONDS = "wallSeconds";

	/** Executions completed per second of wall time. */
	public static final String EXECUTIONS_PER_SECOND = "executionsPerSecond";

	/** Gateway calls (token requests excluded) per execution. */
	public static final String CALLS_PER_EXECUTION = "httpCallsPerExecution";

	/** Gateway calls by operation (token requests excluded). */
	public static final String CALLS = "calls";

	/** OAuth2 token requests. */
	public static final String TOKEN_CALLS = "tokenCalls";

	/** Platform data-pool grant requests. */
	public static final String GRANT_CALLS = "grantCalls";

	/** Peak heap in MiB while measuring. */
	public static final String PEAK_HEAP_MIB = "peakHeapMiB";

	/** Maximum heap of the measuring JVM in MiB. */
	public static final String MAX_HEAP_MIB = "maxHeapMiB";

	/** A target of the issue and whether it was met (a report, never a build failure). */
	public static final String TARGET = "target";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

	/**
	 * Starts a row.
	 * @param scenario the scenario's id, e.g. {@code 1-batch}
	 * @param variant the variant, e.g. {@code reactive}
	 */
	public ScenarioResult(String scenario, String variant) {
		this.values.put("scenario", scenario);
		this.values.put("variant", variant);
	}

	private ScenarioResult(Map<String, @Nullable Object> values) {
		this.values.putAll(values);
	}

	/**
	 * Adds (or replaces) a metric.
	 * @param name the metric
	 * @param value its value: a number, string, boolean, map or {@code null} when not
	 * measurable
	 * @return this row
	 */
	public ScenarioResult put(String name, @Nullable Object value) {
		this.values.put(name, rounded(value));
		return this;
	}

	/**
	 * The scenario's id.
	 * @return the id
	 */
	public String scenario() {
		return String.valueOf(this.values.get("scenario"));
	}

	/**
	 * The variant.
	 * @return the variant
	 */
	public String variant() {
		return String.valueOf(this.values.get("variant"));
	}

	/**
	 * A metric's value.
	 * @param name the metric
	 * @return the value, or {@code null}
	 */
	public @Nullable Object get(String name) {
		return this.values.get(name);
	}

	/**
	 * Every metric, in insertion order (scenario and variant first).
	 * @return the values
	 */
	public Map<String, @Nullable Object> values() {
		return java.util.Collections.unmodifiableMap(this.values);
	}

	/**
	 * The row as one line of JSON.
	 * @return the JSON
	 */
	public String toJson() {
		return JSON.writeValueAsString(this.values);
	}

	/**
	 * Parses a line printed by {@link #toJson()}.
	 * @param json the line
	 * @return the row
	 */
	public static ScenarioResult fromJson(String json) {
		Map<String, @Nullable Object> values = JSON.<LinkedHashMap<String, @Nullable Object>>readValue(json,
				new TypeReference<LinkedHashMap<String, @Nullable Object>>() {
				});
		return new ScenarioResult(values);
	}

	private static @Nullable Object rounded(@Nullable Object value) {
		if (value instanceof Double d) {
			return round(d);
		}
		if (value instanceof java.util.List<?> list) {
			return list.stream().map(ScenarioResult::rounded).toList();
		}
		return value;
	}

	private static double round(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return value;
		}
		double scale = (Math.abs(value) >= 100) ? 10 : 1000;
		return Math.round(value * scale) / scale;
	}

	@Override
	public String toString() {
		return toJson();
	}

}
