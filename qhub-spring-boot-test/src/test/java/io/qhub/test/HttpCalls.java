package io.qhub.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls to a gateway, without the client (this module must not depend on it).
 */
public final class HttpCalls {

	private HttpCalls() {
	}

	/**
	 * Asks the token endpoint for a client-credentials token, the key pair in a Basic
	 * header.
	 * @param tokenEndpoint the token endpoint
	 * @param id the access key id
	 * @param secret the secret access key
	 * @return the answer
	 * @throws IOException if the call fails
	 * @throws InterruptedException if interrupted
	 */
	public static HttpResponse<String> token(String tokenEndpoint, String id, String secret)
			throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return http().send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The {@code access_token} of a token answer.
	 * @param tokenResponse the answer
	 * @return the token
	 */
	public static String accessToken(HttpResponse<String> tokenResponse) {
		return String.valueOf(json(tokenResponse.body()).get("access_token"));
	}

	/**
	 * Starts an execution.
	 * @param serviceEndpoint the service endpoint
	 * @param bearer the access token, or {@code null} for none
	 * @return the answer
	 * @throws IOException if the call fails
	 * @throws InterruptedException if interrupted
	 */
	public static HttpResponse<String> start(String serviceEndpoint, @Nullable String bearer)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceEndpoint + "/"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"shots\":100}"));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends a {@code GET}.
	 * @param url the URL
	 * @param bearer the access token
	 * @return the answer
	 * @throws IOException if the call fails
	 * @throws InterruptedException if interrupted
	 */
	public static HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
		return http().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A new client per call: no pooled connection outlives a stopped gateway. */
	private static HttpClient http() {
		return HttpClient.newHttpClient();
	}

	/**
	 * Reads a JSON object.
	 * @param body the JSON text
	 * @return the object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> json(String body) {
		return JsonMapper.builder().build().readValue(body, Map.class);
	}

}
