package io.qhub.test.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The service behind a {@link LocalHubGateway}: turns one execution's request body into
 * its outcome. Called once per execution when it is started.
 */
@FunctionalInterface
public interface ServiceHandler {

	/**
	 * Computes an execution's outcome.
	 * @param request the request body as sent (including {@code $secrets} and
	 * {@code $tags} when present)
	 * @return the outcome
	 */
	ServiceOutcome handle(Map<String, @Nullable Object> request);

	/**
	 * The default echo service: returns its input as output fields — without
	 * {@code $secrets} and without the {@code grant} of data-pool references, as a real
	 * service never hands back credentials — writes the same to the result file
	 * {@code echo.json}, and logs two lines.
	 * @return the handler
	 */
	static ServiceHandler echo() {
		return (request) -> {
			Map<String, @Nullable Object> output = new LinkedHashMap<>();
			request.forEach((key, value) -> {
				if (!key.equals("$secrets")) {
					output.put(key, withoutGrant(value));
				}
			});
			return new ServiceOutcome(true, output,
					Map.of("echo.json", ResultFile.of(WireJson.write(output), "application/json")),
					List.of(LogLine.info("Received " + request.size() + " parameter(s)"), LogLine.info("Done")));
		};
	}

	private static @Nullable Object withoutGrant(@Nullable Object value) {
		if (value instanceof Map<?, ?> map && "DATAPOOL".equals(map.get("ref"))) {
			Map<Object, Object> reference = new LinkedHashMap<>(map);
			reference.remove("grant");
			return reference;
		}
		return value;
	}

}
