package io.qhub.service.core.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.proxy.HttpProxyHandler.HttpProxyConnectException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubClientException;
import io.qhub.service.core.HubTransportException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Classifies what went wrong on the wire, once: every low-level failure of a call becomes
 * a {@link HubTransportException} naming the operation and the cause in words, with its
 * {@link FailureKind} and whether the request may have been sent (the exception's message
 * is redacted where it is made).
 */
final class Failures {

	/**
	 * Where Netty's message of a refused {@code CONNECT} has the status code the proxy
	 * answered.
	 */
	private static final Pattern PROXY_STATUS = Pattern.compile(", status: (\\d{3})\\b");

	private Failures() {
	}

	/**
	 * The client exception for a failure of one call.
	 * @param operation the operation, e.g. {@code "GET /{id}"}
	 * @param target where the call went (an endpoint, user-info masked), for the message
	 * @param ex the failure
	 * @param transport the transport the call went through: its read timeout and proxy
	 * login, for the message
	 * @return the exception: {@code ex} itself when it already is a client exception
	 */
	static HubClientException of(String operation, String target, Throwable ex, Transport transport) {
		if (ex instanceof HubClientException client) {
			return client;
		}
		String prefix = operation + " to " + target;
		if (ErrorText.cause(ex, ReadTimeoutException.class) != null) {
			return transport(operation,
					prefix + " got no data for " + duration(transport.settings().readTimeout()) + " (readTimeout)", ex,
					FailureKind.TRANSIENT, true);
		}
		HttpProxyConnectException refused = ErrorText.cause(ex, HttpProxyConnectException.class);
		if (refused != null && proxyStatus(refused) == 407) {
			// no retry can succeed: the same credentials are refused the same way
			return transport(operation, prefix + " could not connect: " + transport.proxyRefusal(), ex,
					FailureKind.PERMANENT, false);
		}
		if (notConnected(ex)) {
			return transport(operation, prefix + " could not connect: " + ErrorText.describe(ex), ex,
					FailureKind.TRANSIENT, false);
		}
		if (ErrorText.cause(ex, SSLException.class) != null) {
			return transport(operation, prefix + " failed in TLS: " + ErrorText.describe(ex), ex, FailureKind.PERMANENT,
					false);
		}
		if (ErrorText.cause(ex, PrematureCloseException.class) != null
				|| ErrorText.cause(ex, IOException.class) != null) {
			return transport(operation,
					prefix + " lost its connection before the answer was complete: " + ErrorText.describe(ex), ex,
					FailureKind.TRANSIENT, true);
		}
		return transport(operation, prefix + " failed: " + ErrorText.describe(ex), ex, FailureKind.PERMANENT, true);
	}

	/**
	 * The exception for an answer over a size limit.
	 * @param operation the operation
	 * @param target where the call went
	 * @param limit the limit in words, naming its setting, e.g.
	 * {@code "32 MiB (maxJsonBodySize)"}
	 * @param ex the limit exception
	 * @return the exception
	 */
	static HubTransportException overLimit(String operation, String target, String limit, DataBufferLimitException ex) {
		return transport(operation,
				operation + " to " + target + " answered more than the " + limit + " the client reads", ex,
				FailureKind.PERMANENT, true);
	}

	static HubTransportException transport(String operation, String message, @Nullable Throwable cause,
			FailureKind kind, boolean requestMayHaveBeenSent) {
		return new HubTransportException(operation, message, cause, kind, requestMayHaveBeenSent);
	}

	/**
	 * The status a proxy answered {@code CONNECT} with, as Netty reports it
	 * ({@code "…, status: 407 …"}).
	 * @param refused the failure of the proxy handshake, as Netty reports it
	 * @return the HTTP status, or 0 when the message names none
	 */
	private static int proxyStatus(HttpProxyConnectException refused) {
		Matcher status = PROXY_STATUS.matcher(String.valueOf(refused.getMessage()));
		return status.find() ? Integer.parseInt(status.group(1)) : 0;
	}

	private static boolean notConnected(Throwable ex) {
		return ErrorText.cause(ex, ConnectException.class) != null
				|| ErrorText.cause(ex, ConnectTimeoutException.class) != null
				|| ErrorText.cause(ex, UnknownHostException.class) != null
				|| ErrorText.cause(ex, NoRouteToHostException.class) != null;
	}

	/**
	 * Describes a duration as a person writes it, e.g. {@code 2s}, {@code 0.5s} or
	 * {@code 1m30s}.
	 * @param duration the duration
	 * @return the text
	 */
	static String duration(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/**
	 * Describes a size in binary units, e.g. {@code 32 MiB} or {@code 64 KiB}.
	 * @param bytes the size
	 * @return the text
	 */
	static String size(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return (bytes / 1024) + " KiB";
		}
		return bytes + " bytes";
	}

}
