package io.qhub.service.client.internal;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
 * Writes a request body, accepting JSON data only: maps, collections and arrays, strings, numbers, booleans and
 * {@code null}, enums, {@code java.time} values, UUIDs and URIs, Jackson trees, and the application's own records and
 * beans (serialized by their properties). Anything else (a stream, a thread, a connection, any other JDK or
 * framework object, or a class extending one), a value that contains itself, a bean without properties and a getter that throws is refused
 * with an {@link IllegalArgumentException} naming the key path, e.g. {@code circuit.gates[2]}, before any request.
 */
final class RequestJson {

	private static final int MAX_DEPTH = 500;

	private static final Set<String> FOREIGN_PACKAGES = Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
			"reactor.", "io.netty.", "org.springframework.", "org.reactivestreams.", "kotlin.");

	private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
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
	 * @throws IllegalArgumentException naming the key path of the first value that is not JSON data
	 */
	byte[] write(Map<String, ?> body) {
		refuseCycles(body, "", new IdentityHashMap<>());
		try {
			return this.mapper.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw notJsonData(ex);
		}
	}

	private static void refuseCycles(@Nullable Object value, String path, IdentityHashMap<Object, String> ancestors) {
		if (value == null || !(value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray())) {
			return;
		}
		String seen = ancestors.put(value, path);
		if (seen != null) {
			throw new IllegalArgumentException("The run request is not JSON data at '" + path + "': it contains itself"
					+ (seen.isEmpty() ? "" : " (the value at '" + seen + "')") + ", a cycle JSON cannot hold");
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> refuseCycles(entry, JsonPath.join(path, String.valueOf(key)), ancestors));
		}
		else if (value instanceof Collection<?> collection) {
			int index = 0;
			for (Object element : collection) {
				refuseCycles(element, path + "[" + index++ + "]", ancestors);
			}
		}
		else if (!value.getClass().getComponentType().isPrimitive()) {
			for (int index = 0; index < Array.getLength(value); index++) {
				refuseCycles(Array.get(value, index), path + "[" + index + "]", ancestors);
			}
		}
		ancestors.remove(value);
	}

	/**
	 * The top-level fields of a typed request (a record or a bean), as the body will hold them; a map is taken as
	 * it is.
	 * @param request the request
	 * @return the fields by name, in the order they are written; values are JSON trees
	 * @throws IllegalArgumentException naming the key path of the first value that is not JSON data, or when the
	 * request is not a JSON object (a list, a string, a number)
	 */
	@SuppressWarnings("unchecked")
	Map<String, ?> fields(Object request) {
		if (request instanceof Map<?, ?> map) {
			return (Map<String, ?>) map;
		}
		JsonNode tree;
		try {
			tree = this.mapper.valueToTree(request);
		}
		catch (JacksonException ex) {
			throw notJsonData(ex);
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

	/** The first value that is not JSON data, by its key path; the value itself is not shown. */
	private static IllegalArgumentException notJsonData(JacksonException ex) {
		return new IllegalArgumentException("The run request is not JSON data at '" + JsonPath.of(ex.getPath()) + "': "
				+ reason(ex), null);
	}

	private static String reason(JacksonException ex) {
		if (ex.getCause() instanceof NotJsonData notData) {
			return notData.getMessage();
		}
		if (ex.getCause() != null && !(ex.getCause() instanceof JacksonException)) {
			return "reading it failed with " + ex.getCause().getClass().getName();
		}
		String message = String.valueOf(ex.getOriginalMessage());
		if (message.contains("no properties discovered")) {
			java.util.regex.Matcher type = java.util.regex.Pattern.compile("class ([\\w.$]+)").matcher(message);
			return "it is " + (type.find() ? "a " + type.group(1) : "an object") + " without properties, not JSON data";
		}
		if (message.contains("nesting depth") || message.contains("self-reference")) {
			return "it is nested more than " + MAX_DEPTH + " levels deep (a value that contains itself?)";
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
		for (Class<?> current = type; current != null && current != Object.class && current != Record.class;
				current = current.getSuperclass()) {
			String name = current.getName();
			if (FOREIGN_PACKAGES.stream().anyMatch(name::startsWith)) {
				return true;
			}
		}
		return false;
	}

	/** Replaces the serializer of any type that is not JSON data with one that refuses it. */
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
