package io.qhub.service.client.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.model.HalLink;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.model.ServiceExecutionType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonDecoder;

/**
 * The client's own JSON mapping of the wire format. It owns a private Jackson 3
 * {@link JsonMapper}, so the application's mapper (Jackson 2 or 3, any settings) never
 * changes how the gateway is read, and this mapper is never exposed as a bean.
 */
final class GatewayJson {

	private static final TypeReference<List<ServiceExecution>> EXECUTIONS = new TypeReference<>() {
	};

	private static final ResolvableType EXECUTION = ResolvableType.forClass(ServiceExecution.class);

	private static final TypeReference<List<LogEntry>> LOG_ENTRIES = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.addModule(new SimpleModule("qhub-gateway").addDeserializer(Instant.class, new LenientInstantDeserializer())
			.addDeserializer(ServiceExecutionStatus.class,
					new LenientValueDeserializer<>(ServiceExecutionStatus::fromValue, ServiceExecutionStatus.UNKNOWN))
			.addDeserializer(ServiceExecutionType.class,
					new LenientValueDeserializer<>(ServiceExecutionType::fromValue, ServiceExecutionType.UNKNOWN))
			.addDeserializer(LogEntrySeverity.class,
					new LenientValueDeserializer<>(LogEntrySeverity::fromValue, LogEntrySeverity.UNKNOWN)))
		.build();

	ServiceExecution readExecution(byte[] body) {
		return this.mapper.readValue(body, ServiceExecution.class);
	}

	List<ServiceExecution> readExecutions(byte[] body) {
		return List.copyOf(this.mapper.readValue(body, EXECUTIONS));
	}

	/**
	 * Reads a JSON array of executions element by element as it streams (Spring's Jackson
	 * decoder over this mapper), each element up to {@code maxElementSize} bytes.
	 * @param body the streaming body; its buffers are released
	 * @param maxElementSize the most bytes one element may take
	 * @return the executions, in the order listed
	 */
	Flux<ServiceExecution> readExecutions(Flux<DataBuffer> body, int maxElementSize) {
		JacksonJsonDecoder decoder = new JacksonJsonDecoder(this.mapper);
		decoder.setMaxInMemorySize(maxElementSize);
		return decoder.decode(arrayOnly(body), EXECUTION, MediaType.APPLICATION_JSON, null)
			.cast(ServiceExecution.class);
	}

	/**
	 * The body, failing unless its first character (after white space) opens an array:
	 * the decoder would otherwise read a lone object (an error object answered with 200)
	 * as a one-element list.
	 * @param body the streaming body
	 * @return the same body, or one that fails with a {@link StreamReadException}
	 */
	private static Flux<DataBuffer> arrayOnly(Flux<DataBuffer> body) {
		boolean[] checked = { false };
		return body.handle((buffer, sink) -> {
			if (!checked[0]) {
				for (int i = buffer.readPosition(); i < buffer.writePosition(); i++) {
					byte next = buffer.getByte(i);
					if (next == ' ' || next == '\t' || next == '\n' || next == '\r') {
						continue;
					}
					checked[0] = true;
					if (next != '[') {
						DataBufferUtils.release(buffer);
						sink.error(new StreamReadException("Expected a JSON array"));
						return;
					}
					break;
				}
			}
			sink.next(buffer);
		});
	}

	List<LogEntry> readLogs(byte[] body) {
		return List.copyOf(this.mapper.readValue(body, LOG_ENTRIES));
	}

	Map<String, @Nullable Object> readObject(byte[] body) {
		return this.mapper.readValue(body, OBJECT);
	}

	/**
	 * Reads a result: {@code _links} and {@code _embedded} are split off, everything else
	 * is the service's output. Malformed parts degrade instead of failing the call: a
	 * {@code _links} that is not an object reads as no links, and so does each entry that
	 * is not a link object with a string {@code href}-or-nothing; an {@code _embedded}
	 * (or its {@code status}) that is not an object reads as empty.
	 * @param body the JSON body of a result answer
	 * @return the result with its links, its embedded status and the service's output
	 */
	ResultResponse readResult(byte[] body) {
		Map<String, @Nullable Object> properties = readObject(body);
		Object links = properties.remove("_links");
		Object embedded = properties.remove("_embedded");
		return new ResultResponse(readLinks(links), readEmbedded(embedded), properties);
	}

	private Map<String, HalLink> readLinks(@Nullable Object links) {
		Map<String, HalLink> read = new LinkedHashMap<>();
		if (links instanceof Map<?, ?> map) {
			map.forEach((name, link) -> {
				HalLink halLink = readLink(link);
				if (name instanceof String key && halLink != null) {
					read.put(key, halLink);
				}
			});
		}
		return read;
	}

	private @Nullable HalLink readLink(@Nullable Object link) {
		if (!(link instanceof Map<?, ?> map) || (map.get("href") != null && !(map.get("href") instanceof String))) {
			return null;
		}
		try {
			return this.mapper.convertValue(link, HalLink.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private ResultResponse.Embedded readEmbedded(@Nullable Object embedded) {
		if (!(embedded instanceof Map<?, ?> map) || !(map.get("status") instanceof Map<?, ?> status)) {
			return ResultResponse.Embedded.EMPTY;
		}
		try {
			return new ResultResponse.Embedded(this.mapper.convertValue(status, ServiceExecution.class));
		}
		catch (RuntimeException ex) {
			return ResultResponse.Embedded.EMPTY;
		}
	}

}
