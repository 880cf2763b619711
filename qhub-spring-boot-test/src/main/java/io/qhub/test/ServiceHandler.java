package io.qhub.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The service behind a {@link LocalHubGateway}: turns one execution's request body into its outcome. Called once
 * per execution when it is started.
 */
@FunctionalInterface
public interface ServiceHandler {

	/**
	 * Computes an execution's outcome.
	 * @param request the request body as sent (including {@code $secrets} and {@code $tags} when present)
	 * @return the outcome
	 */
	ServiceOutcome handle(Map<String, @Nullable Object> request);

	/**
	 * The default echo service: returns its input (without {@code $secrets}) as output fields, writes it to the
	 * result file {@code echo.json}, and logs two lines.
	 * @return the handler
	 */
	static ServiceHandler echo() {
		return (request) -> {
			Map<String, @Nullable Object> output = new LinkedHashMap<>(request);
			output.remove("$secrets");
			return new ServiceOutcome(true, output,
					Map.of("echo.json", ResultFile.of(WireJson.write(output), "application/json")),
					List.of(LogLine.info("Received " + request.size() + " parameter(s)"), LogLine.info("Done")));
		};
	}

}
