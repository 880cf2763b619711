/**
 * The core of the client, shared by the gateway client, the platform client and the
 * execution tracker: the exception hierarchy rooted at {@link HubClientException} with
 * its one {@link FailureKind} classification, the settings of the HTTP stack
 * ({@link TransportSettings}, {@link ProxySettings}, {@link TlsSettings}), the policies
 * ({@link TransportRetryPolicy}, {@link PollingPolicy}, {@link ResultRetryPolicy}) and
 * the one {@link Backoff} they take their delays from, the {@link Sleeper} that waits
 * them, and {@link Secrets}, which keeps every secret the client knows out of what it
 * reports. Nothing here depends on Spring Boot.
 */
@NullMarked
package io.qhub.service.core;

import org.jspecify.annotations.NullMarked;
