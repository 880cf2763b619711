package io.qhub.test.gateway;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Routes and answers the local gateway's requests: the service API, the token endpoint
 * and data-pool grants. Each request is recorded, then answered as the fault planned for
 * it (if any) says.
 */
final class GatewayRoutes implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final String JSON = "application/json";

	private final String servicePath;

	private final Supplier<String> serviceEndpoint;

	private final Clock clock;

	private final GatewayAccess access;

	private final GatewayState state;

	private final FaultPlan faults;

	private final Recorder recorder;

	private final Sinks.Empty<Void> closed = Sinks.empty();

	/**
	 * Creates the routes of one gateway.
	 * @param servicePath the service's path
	 * @param serviceEndpoint the service endpoint, known once the server is bound (for
	 * {@code Location} and links)
	 * @param clock the clock of execution timing
	 * @param access the token and key checks and issuers
	 * @param state the executions
	 * @param faults the faults to inject
	 * @param recorder where requests, answers and injected faults are recorded
	 */
	GatewayRoutes(String servicePath, Supplier<String> serviceEndpoint, Clock clock, GatewayAccess access,
			GatewayState state, FaultPlan faults, Recorder recorder) {
		this.servicePath = servicePath;
		this.serviceEndpoint = serviceEndpoint;
		this.clock = clock;
		this.access = access;
		this.state = state;
		this.faults = faults;
		this.recorder = recorder;
	}

	/** Ends the stalled, trickled and endless answers: the gateway closes. */
	void endOpenAnswers() {
		this.closed.tryEmitEmpty();
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		String rawPath = new QueryStringDecoder(request.uri()).rawPath();
		Route route = route(request.method().name(), rawPath);
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			this.recorder.request(route.operation(), request, rawPath, body);
			InjectedFault taken = this.faults.take(route.operation());
			// a step that changes nothing is a real answer
			InjectedFault fault = (taken != null && taken.changesNothing()) ? null : taken;
			if (fault != null) {
				this.recorder.fault(fault);
			}
			GatewayExecution started = (fault != null && fault.takesEffect()) ? takeEffect(route, request, body) : null;
			Mono<Void> delay = (fault != null && !fault.latency().isZero()) ? Mono.delay(fault.latency()).then()
					: Mono.empty();
			return delay.then(Mono.defer(() -> {
				Mono<Void> answer = answer(route, request, response, body, fault, started);
				// every answer sets its status before it is sent
				this.recorder.answer(route.operation(), response.status().code());
				return answer;
			}));
		});
	}

	/**
	 * What a call does before its answer, for a fault that lets it take effect first: a
	 * start starts its execution, a cancel cancels (when authorized).
	 * @param route the request's route
	 * @param request the request
	 * @param body the request's body
	 * @return the execution a start started, else {@code null}
	 */
	private @Nullable GatewayExecution takeEffect(Route route, HttpServerRequest request, byte[] body) {
		if (!this.access.isAuthorized(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
			return null;
		}
		Instant now = this.clock.instant();
		if (route.operation() == GatewayOperation.START_EXECUTION) {
			try {
				return this.state.start(this.state.nextId(), WireJson.readObject(body), now);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		if (route.operation() == GatewayOperation.CANCEL_EXECUTION) {
			GatewayExecution execution = this.state.execution(route.id());
			if (execution != null) {
				execution.cancel(now);
			}
		}
		return null;
	}

	private Mono<Void> answer(Route route, HttpServerRequest request, HttpServerResponse response, byte[] body,
			@Nullable InjectedFault fault, @Nullable GatewayExecution started) {
		if (fault != null && fault.rewrite().echo()) {
			return json(response, (fault.status() != 0) ? fault.status() : 400, echo(route, request, body), null);
		}
		InjectedFault.Answer canned = (fault != null) ? fault.answer() : null;
		if (fault != null && canned != null) {
			if (fault.retryAfter() != null) {
				response.header(HttpHeaderNames.RETRY_AFTER, fault.retryAfter());
			}
			response.status(HttpResponseStatus.valueOf(fault.status()));
			if (canned.contentType() != null) {
				response.header(HttpHeaderNames.CONTENT_TYPE, canned.contentType());
			}
			return send(response, canned.body().getBytes(StandardCharsets.UTF_8), fault.delivery());
		}
		if (fault != null && fault.status() != 0) {
			if (fault.retryAfter() != null) {
				response.header(HttpHeaderNames.RETRY_AFTER, fault.retryAfter());
			}
			return json(response, fault.status(), Map.of("error", "injected fault", "status", fault.status()), fault);
		}
		return switch (route.operation()) {
			case TOKEN -> token(request, response, body, fault);
			case DATA_POOL_GRANT -> grant(request, response, body, fault);
			case UNMATCHED -> json(response, 404, Map.of("error", "not found"), null);
			default -> this.access.isAuthorized(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))
					? service(route, response, body, fault, started) : unauthorized(response);
		};
	}

	private Mono<Void> service(Route route, HttpServerResponse response, byte[] body, @Nullable InjectedFault fault,
			@Nullable GatewayExecution started) {
		Instant now = this.clock.instant();
		if (route.operation() == GatewayOperation.START_EXECUTION && started != null) {
			response.header(HttpHeaderNames.LOCATION, executionUrl(started.id()));
			return json(response, 201, started.toJson(now), fault);
		}
		if (route.operation() == GatewayOperation.START_EXECUTION) {
			return start(response, body, now, fault);
		}
		if (route.operation() == GatewayOperation.GET_SERVICE_EXECUTIONS) {
			List<Map<String, Object>> all = this.state.executions().stream().map((e) -> e.toJson(now)).toList();
			return json(response, 200, all, fault);
		}
		GatewayExecution execution = this.state.execution(route.id());
		if (execution == null) {
			return json(response, 404, Map.of("error", "execution not found", "id", route.id()), null);
		}
		return switch (route.operation()) {
			case GET_STATUS -> json(response, 200, execution.toJson(now), fault);
			case GET_RESULT -> result(response, execution, now, fault);
			case GET_RESULT_FILE -> file(response, execution, Objects.requireNonNull(route.file()), now, fault);
			case GET_LOGS -> json(response, 200, logs(execution, now), fault);
			case CANCEL_EXECUTION -> {
				execution.cancel(now);
				yield json(response, 200, execution.toJson(now), fault);
			}
			default -> json(response, 404, Map.of("error", "not found"), null);
		};
	}

	private Mono<Void> start(HttpServerResponse response, byte[] body, Instant now, @Nullable InjectedFault fault) {
		Map<String, @Nullable Object> request;
		try {
			request = WireJson.readObject(body);
		}
		catch (RuntimeException ex) {
			return json(response, 400, Map.of("error", "request body must be a JSON object"), null);
		}
		GatewayExecution execution = this.state.start(this.state.nextId(), request, now);
		response.header(HttpHeaderNames.LOCATION, executionUrl(execution.id()));
		return json(response, 201, execution.toJson(now), fault);
	}

	private Mono<Void> result(HttpServerResponse response, GatewayExecution execution, Instant now,
			@Nullable InjectedFault fault) {
		if (!execution.isFinal(now)) {
			return json(response, 404, Map.of("error", "result not available yet", "id", execution.id()), null);
		}
		Map<String, Object> result = new LinkedHashMap<>();
		boolean cancelled = execution.status(now).equals("CANCELLED");
		if (!cancelled) {
			result.putAll(execution.outcome().output());
		}
		Map<String, Object> links = new LinkedHashMap<>();
		links.put("status", Map.of("href", executionUrl(execution.id())));
		if (!cancelled) {
			execution.outcome()
				.files()
				.keySet()
				.forEach((name) -> links.put(name, Map.of("href", resultFileUrl(execution.id(), name))));
		}
		result.put("_links", links);
		result.put("_embedded", Map.of("status", execution.toJson(now)));
		return json(response, 200, result, fault);
	}

	private Mono<Void> file(HttpServerResponse response, GatewayExecution execution, String name, Instant now,
			@Nullable InjectedFault fault) {
		boolean drop = fault != null && fault.delivery() == InjectedFault.Delivery.DROP_MIDWAY;
		ResultFile file = execution.outcome().files().get(name);
		if (file == null || !execution.isFinal(now) || execution.status(now).equals("CANCELLED")) {
			return json(response, 404, Map.of("error", "result file not found", "file", name), null);
		}
		InjectedFault.Delivery delivery = (fault != null) ? fault.delivery() : InjectedFault.Delivery.WHOLE;
		response.status(200).header(HttpHeaderNames.CONTENT_TYPE, file.contentType());
		if (delivery == InjectedFault.Delivery.STALL) {
			return closing();
		}
		if (delivery == InjectedFault.Delivery.ENDLESS) {
			return endless(response);
		}
		long limit = drop ? file.size() / 2 : file.size();
		Flux<ByteBuf> body = file.chunks(limit);
		response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(file.size()));
		return response.send(drop ? body.concatWith(Mono.error(new IOException("injected connection drop"))) : body)
			.then();
	}

	/**
	 * The log as it stands: a line written at a time ({@link LogLine#at(Duration)}) once
	 * that time has come and lies before the end, every other line once the execution is
	 * final; in the order the outcome lists them, each with a timestamp that never
	 * changes (its time, or the end), so lines written at once share one.
	 * @param execution the execution
	 * @param now the time asked at
	 * @return the entries, oldest first
	 */
	private List<Map<String, Object>> logs(GatewayExecution execution, Instant now) {
		boolean complete = execution.isFinal(now);
		Instant end = execution.endedAt();
		List<Map<String, Object>> entries = new ArrayList<>();
		for (LogLine line : execution.outcome().logs()) {
			Duration after = line.after();
			Instant written = (after != null) ? execution.startsAt().plus(after) : end;
			boolean shown = (after != null) ? !now.isBefore(written) && !written.isAfter(end) : complete;
			if (shown) {
				entries.add(Map.of("message", line.message(), "severity", line.severity(), "timestamp",
						written.toString()));
			}
		}
		return entries;
	}

	private Mono<Void> token(HttpServerRequest request, HttpServerResponse response, byte[] body,
			@Nullable InjectedFault fault) {
		Map<String, String> form = form(body);
		if (!"client_credentials".equals(form.get("grant_type"))) {
			return json(response, 400, Map.of("error", "unsupported_grant_type"), null);
		}
		String[] basic = TokenIssuer.basicCredentials(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
		String clientId = (basic != null) ? basic[0] : form.get("client_id");
		String clientSecret = (basic != null) ? basic[1] : form.get("client_secret");
		String token = this.access.tokens().issue(clientId, clientSecret);
		if (token == null) {
			return json(response, 401, Map.of("error", "invalid_client", "error_description",
					"unknown access key id or wrong secret access key"), null);
		}
		return json(response, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in",
				this.access.tokens().expiresInSeconds(), "scope", "default"), fault);
	}

	private Mono<Void> grant(HttpServerRequest request, HttpServerResponse response, byte[] body,
			@Nullable InjectedFault fault) {
		if (!this.access.isPlatformKey(request.requestHeaders().get("X-Auth-Token"))) {
			return json(response, 401, Map.of("error", "invalid or missing X-Auth-Token"), null);
		}
		Map<String, @Nullable Object> grant;
		try {
			grant = WireJson.readObject(body);
		}
		catch (RuntimeException ex) {
			return json(response, 400, Map.of("error", "request body must be a JSON object"), null);
		}
		Object datapoolId = grant.get("datapoolId");
		Object applicationId = grant.get("applicationId");
		if (datapoolId == null || applicationId == null) {
			return json(response, 400, Map.of("error", "datapoolId and applicationId are required"), null);
		}
		Object permission = (grant.get("permission") != null) ? grant.get("permission") : "MODIFY";
		String token = this.access.grants().issue(datapoolId, applicationId, permission);
		return json(response, 201, Map.of("token", token), fault);
	}

	private Mono<Void> unauthorized(HttpServerResponse response) {
		response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		return json(response, 401, Map.of("error", "invalid_token"), null);
	}

	/**
	 * An endless body: spaces after an opening bracket, as fast as the client reads,
	 * until the gateway closes.
	 * @param response the response to send the body on
	 * @return completes when the gateway closes, with an error
	 */
	private Mono<Void> endless(HttpServerResponse response) {
		byte[] chunk = new byte[64 * 1024];
		java.util.Arrays.fill(chunk, (byte) ' ');
		chunk[0] = '[';
		Flux<ByteBuf> endless = Flux.concat(Mono.just(Unpooled.wrappedBuffer(chunk.clone())),
				Flux.<ByteBuf>generate((sink) -> sink.next(Unpooled.wrappedBuffer(spaces(chunk)))));
		return response.send(endless.takeUntilOther(closing())).then();
	}

	/**
	 * Sends a JSON answer, changed and delivered as the fault says (error answers are
	 * sent whole: {@code null}).
	 * @param response the response to send the answer on
	 * @param status the HTTP status
	 * @param value the answer, written as JSON
	 * @param fault how to change and deliver the answer, {@code null} to send it as it is
	 * @return completes when the answer is sent (or, for a stalled or endless answer,
	 * when the gateway closes)
	 */
	private Mono<Void> json(HttpServerResponse response, int status, Object value, @Nullable InjectedFault fault) {
		byte[] bytes = WireJson.write((fault != null) ? rewrite(value, fault.rewrite()) : value);
		response.status(HttpResponseStatus.valueOf(status)).header(HttpHeaderNames.CONTENT_TYPE, JSON);
		if (fault != null) {
			fault.rewrite().headers().forEach(response::header);
		}
		InjectedFault.Delivery delivery = (fault != null) ? fault.delivery() : InjectedFault.Delivery.WHOLE;
		return send(response, bytes, delivery);
	}

	/**
	 * Sends a body whose status and headers are set, delivered as the fault says.
	 * @param response the response to send the body on
	 * @param bytes the body
	 * @param delivery how to deliver it
	 * @return completes when the body is sent (or, for a stalled or endless answer, when
	 * the gateway closes)
	 */
	private Mono<Void> send(HttpServerResponse response, byte[] bytes, InjectedFault.Delivery delivery) {
		if (delivery == InjectedFault.Delivery.STALL) {
			return closing();
		}
		if (delivery == InjectedFault.Delivery.ENDLESS) {
			return endless(response);
		}
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length));
		if (bytes.length == 0) {
			return response.send().then();
		}
		return switch (delivery) {
			case DROP_MIDWAY -> response.send(Flux.just(Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2))
				.concatWith(Mono.error(new IOException("injected connection drop")))).then();
			case STALL_MIDWAY -> response.send(Flux.just(Unpooled.wrappedBuffer(bytes, 0, bytes.length / 2))
				.concatWith(closing().then(Mono.<ByteBuf>empty())), (buffer) -> true).then();
			case TRICKLE -> response.send(Flux.interval(Duration.ofSeconds(1))
				.take(bytes.length)
				.map((index) -> Unpooled.wrappedBuffer(bytes, index.intValue(), 1))
				.takeUntilOther(closing()), (buffer) -> true).then();
			default -> response.send(Mono.just(Unpooled.wrappedBuffer(bytes))).then();
		};
	}

	private static byte[] spaces(byte[] chunk) {
		byte[] spaces = chunk.clone();
		spaces[0] = ' ';
		return spaces;
	}

	/**
	 * The answer as the fault changes it: another id or none (also in the result's
	 * embedded status), raw fields.
	 * @param value the answer; only a JSON object is changed
	 * @param rewrite the fault's changes
	 * @return the changed answer, or {@code value} itself when there is nothing to change
	 */
	private static Object rewrite(Object value, InjectedFault.Rewrite rewrite) {
		if (!(value instanceof Map<?, ?> map) || rewrite.equals(InjectedFault.Rewrite.NONE)) {
			return value;
		}
		Map<String, Object> changed = new LinkedHashMap<>();
		map.forEach((key, entry) -> changed.put(String.valueOf(key), entry));
		if (changed.containsKey("id")) {
			if (rewrite.removeId()) {
				changed.remove("id");
			}
			else if (rewrite.id() != null) {
				changed.put("id", rewrite.id());
			}
		}
		if (changed.get("_embedded") instanceof Map<?, ?> embedded && embedded.get("status") != null) {
			changed.put("_embedded", Map.of("status", rewrite(embedded.get("status"), rewrite)));
		}
		rewrite.rawFields().forEach((field, json) -> changed.put(field, new WireJson.Raw(json)));
		return changed;
	}

	/**
	 * What the request carried, echoed: credentials (a Basic header decoded too) and the
	 * body.
	 * @param route the request's route; a token request is answered as an OAuth error
	 * @param request the request
	 * @param body the request's body
	 * @return the JSON error object to answer with
	 */
	private static Map<String, Object> echo(Route route, HttpServerRequest request, byte[] body) {
		String authorization = Objects.toString(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION), "");
		String apiKey = Objects.toString(request.requestHeaders().get("X-Auth-Token"), "");
		String[] basic = TokenIssuer.basicCredentials(authorization);
		String keyPair = (basic != null) ? basic[0] + ":" + basic[1] : "";
		String text = new String(body, StandardCharsets.UTF_8);
		Map<String, Object> echo = new LinkedHashMap<>();
		if (route.operation() == GatewayOperation.TOKEN) {
			echo.put("error", "invalid_client");
			echo.put("error_description", "rejected " + authorization + " (" + keyPair + ") for " + text);
			return echo;
		}
		echo.put("error", "echo");
		echo.put("authorization", authorization);
		echo.put("x-auth-token", apiKey);
		echo.put("request", text);
		return echo;
	}

	private static Map<String, String> form(byte[] body) {
		Map<String, String> form = new LinkedHashMap<>();
		String text = new String(body, StandardCharsets.UTF_8);
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private Route route(String method, String rawPath) {
		if (rawPath.equals(LocalHubGateway.TOKEN_PATH)) {
			return method.equals("POST") ? new Route(GatewayOperation.TOKEN, "", null) : Route.UNMATCHED;
		}
		if (rawPath.equals(LocalHubGateway.PLATFORM_PATH + "/data-pool-grants")) {
			return method.equals("POST") ? new Route(GatewayOperation.DATA_POOL_GRANT, "", null) : Route.UNMATCHED;
		}
		String base = this.servicePath;
		if (!rawPath.startsWith(base)) {
			return Route.UNMATCHED;
		}
		List<String> segments = Arrays.stream(rawPath.substring(base.length()).split("/"))
			.filter((segment) -> !segment.isEmpty())
			.map(GatewayRoutes::decode)
			.toList();
		return switch (segments.size()) {
			case 0 -> switch (method) {
				case "GET" -> new Route(GatewayOperation.GET_SERVICE_EXECUTIONS, "", null);
				case "POST" -> new Route(GatewayOperation.START_EXECUTION, "", null);
				default -> Route.UNMATCHED;
			};
			case 1 ->
				method.equals("GET") ? new Route(GatewayOperation.GET_STATUS, segments.get(0), null) : Route.UNMATCHED;
			case 2 -> executionSubresourceRoute(method, segments);
			case 3 -> (method.equals("GET") && segments.get(1).equals("result"))
					? new Route(GatewayOperation.GET_RESULT_FILE, segments.get(0), segments.get(2)) : Route.UNMATCHED;
			default -> Route.UNMATCHED;
		};
	}

	/**
	 * {@code GET /{id}/result}, {@code GET /{id}/log} and {@code PUT /{id}/cancel}.
	 * @param method the request's HTTP method
	 * @param segments the decoded path segments below the service path, two of them
	 * @return the route, or {@link Route#UNMATCHED}
	 */
	private static Route executionSubresourceRoute(String method, List<String> segments) {
		String id = segments.get(0);
		return switch (method + " " + segments.get(1).toLowerCase(Locale.ROOT)) {
			case "GET result" -> new Route(GatewayOperation.GET_RESULT, id, null);
			case "GET log" -> new Route(GatewayOperation.GET_LOGS, id, null);
			case "PUT cancel" -> new Route(GatewayOperation.CANCEL_EXECUTION, id, null);
			default -> Route.UNMATCHED;
		};
	}

	/**
	 * Fails when the gateway closes: what stalled, trickled and endless answers wait for.
	 * Each answer ends on a scheduler thread, not on the one closing the gateway: ending
	 * an answer whose client has gone away may fail inside Reactor Netty (its channel is
	 * no longer registered), and that must neither reach {@link LocalHubGateway#close()}
	 * nor keep the other open answers from ending.
	 * @return fails with an {@link IOException} when the gateway closes
	 */
	private Mono<Void> closing() {
		return this.closed.asMono()
			.publishOn(Schedulers.parallel())
			.then(Mono.error(() -> new IOException("the local gateway closed")));
	}

	private String executionUrl(String id) {
		return this.serviceEndpoint.get() + "/" + encode(id);
	}

	private String resultFileUrl(String id, String file) {
		return executionUrl(id) + "/result/" + encode(file);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private record Route(GatewayOperation operation, String id, @Nullable String file) {

		static final Route UNMATCHED = new Route(GatewayOperation.UNMATCHED, "", null);

	}

}
