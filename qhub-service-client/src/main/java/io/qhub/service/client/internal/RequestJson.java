package io.qhub.service.client.internal;

import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Writes a request body, accepting JSON data only: maps, collections and arrays, strings,
 * numbers, booleans and {@code null}, enums, {@code java.time} values, UUIDs and URIs,
 * Jackson trees, and the application's own records and beans (serialized by their
 * properties). Anything else (a stream, a thread, a connection, any other JDK or
 * framework object, or a class extending one), a value that contains itself (through
 * maps, lists, arrays, records or beans, at any depth: named by the shortest path that
 * shows the cycle, e.g. {@code items[0]}), a bean without properties and a getter that
 * throws is refused with an {@link IllegalArgumentException} naming the key path, e.g.
 * {@code circuit.gates[2]}, before any request.
 */
final class RequestJson {

	private static final int MAX_DEPTH = 500;

	/** Longest key path a message shows whole. */
	private static final int MAX_PATH_SHOWN = 160;

	private static final Set<String> FOREIGN_PACKAGES = Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"reactor.", "io.netty.", "org.springframework.", "org.reactivestreams.", "kotlin.");

	private final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
			.build())
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.enable(SerializationFeature.FAIL_ON_SELF_REFERENCES)
		.addModule(new SimpleModule("qhub-request").setSerializerModifier(new JsonDataOnly()))
		.build();

	/**
	 * The body as UTF-8 JSON.
	 * @param body the request body
	 * @return the bytes
	 * @throws IllegalArgumentException naming the key path of the first value that is not
	 * JSON data
	 */
	byte[] write(Map<String, ?> body) {
		try {
			return this.mapper.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw notJsonData(ex);
		}
		catch (StackOverflowError ex) {
			throw tooDeep();
		}
	}

	/**
	 * The top-level fields of a typed request (a record or a bean), as the body will hold
	 * them; a map is taken as it is.
	 * @param request the request
	 * @return the fields by name, in the order they are written; values are JSON trees
	 * @throws IllegalArgumentException naming the key path of the first value that is not
	 * JSON data, or when the request is not a JSON object (a list, a string, a number)
	 */
	@SuppressWarnings("unchecked")
	Map<String, ?> fields(Object request) {
		if (request instanceof Map<?, ?> map) {
			return (Map<String, ?>) map;
		}
		JsonNode tree;
		try {
			// written once first: the generator's nesting limit stops a value that
			// contains itself, which the tree
			// conversion would follow until the stack overflows
			this.mapper.writeValue(OutputStream.nullOutputStream(), request);
			tree = this.mapper.valueToTree(request);
		}
		catch (JacksonException ex) {
			throw notJsonData(ex);
		}
		catch (StackOverflowError ex) {
			throw tooDeep();
		}
		if (!tree.isObject()) {
			throw new IllegalArgumentException("The run request must be a JSON object (a Map, a record or a bean "
					+ "with properties), but a " + request.getClass().getName() + " is written as a JSON "
					+ tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
		}
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		tree.properties().forEach((field) -> fields.put(field.getKey(), field.getValue()));
		return fields;
	}

	/**
	 * The first value that is not JSON data, by its key path; the value itself is not
	 * shown. A value that contains itself is named by the shortest path that shows it: up
	 * to the first value met again on the way down.
	 * @param ex the failure of Jackson, whose path leads to the value
	 * @return the exception to throw, naming the path and why the value is not JSON data
	 */
	private static IllegalArgumentException notJsonData(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		for (int end = 1; end <= path.size(); end++) {
			Object reached = (end < path.size()) ? path.get(end).from() : null;
			for (int start = 0; reached != null && start < end; start++) {
				if (path.get(start).from() == reached) {
					String again = JsonPath.of(path.subList(0, start));
					return notJsonData(JsonPath.of(path.subList(0, end)),
							"it contains itself ("
									+ (again.isEmpty() ? "the request" : "the value at '" + shortened(again) + "'")
									+ " again), a cycle JSON cannot hold");
				}
			}
		}
		return notJsonData(JsonPath.of(path), reason(ex));
	}

	private static IllegalArgumentException notJsonData(String path, String reason) {
		return new IllegalArgumentException("The run request is not JSON data at '" + shortened(path) + "': " + reason,
				null);
	}

	private static IllegalArgumentException tooDeep() {
		return new IllegalArgumentException("The run request is not JSON data: it is nested too deeply to be written "
				+ "(a value that contains itself?)", null);
	}

	/**
	 * A path short enough for one line: its start and its end.
	 * @param path a key path in the request
	 * @return the path itself when it is short enough, else its start and end around an
	 * ellipsis
	 */
	private static String shortened(String path) {
		return (path.length() <= MAX_PATH_SHOWN) ? path
				: path.substring(0, MAX_PATH_SHOWN / 2) + "…" + path.substring(path.length() - MAX_PATH_SHOWN / 2);
	}

	private static String reason(JacksonException ex) {
		if (ex.getCause() instanceof NotJsonData notData) {
			return Objects.requireNonNull(notData.getMessage(), "a NotJsonData always has a message");
		}
		if (ex.getCause() != null && !(ex.getCause() instanceof JacksonException)) {
			return "reading it failed with " + ex.getCause().getClass().getName();
		}
		String message = String.valueOf(ex.getOriginalMessage());
		if (message.contains("no properties discovered")) {
			java.util.regex.Matcher type = java.util.regex.Pattern.compile("class ([\\w.$]+)").matcher(message);
			return "it is " + (type.find() ? "a " + type.group(1) : "an object") + " without properties, not JSON data";
		}
		if (message.contains("self-reference")) {
			return "it contains itself, a cycle JSON cannot hold";
		}
		if (message.contains("nesting depth")) {
			return "it is nested more than " + MAX_DEPTH + " levels deep";
		}
		return ex.getClass().getSimpleName();
	}

	static boolean isForeign(Class<?> type) {
		if (type.isEnum() || type.isPrimitive() || CharSequence.class.isAssignableFrom(type)
				|| Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
				|| type == UUID.class || type == java.net.URI.class || JsonNode.class.isAssignableFrom(type)
				|| type.getName().startsWith("java.time.") || Map.class.isAssignableFrom(type)
				|| Collection.class.isAssignableFrom(type) || type.isArray()) {
			return false;
		}
		for (Class<?> current = type; current != null && current != Object.class
				&& current != Record.class; current = current.getSuperclass()) {
			String name = current.getName();
			if (FOREIGN_PACKAGES.stream().anyMatch(name::startsWith)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Replaces the serializer of any type that is not JSON data with one that refuses it.
	 */
	private static final class JsonDataOnly extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
				ValueSerializer<?> serializer) {
			Class<?> type = description.getBeanClass();
			return isForeign(type) ? new Refusing(type) : serializer;
		}

	}

	private static final class Refusing extends ValueSerializer<Object> {

		private final Class<?> type;

		Refusing(Class<?> type) {
			this.type = type;
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			throw new NotJsonData("it is a " + this.type.getName()
					+ ", which is not JSON data (maps, lists, strings, numbers, booleans, null, records or beans)");
		}

	}

	private static final class NotJsonData extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotJsonData(String message) {
			super(message, null, false, false);
		}

	}

}
