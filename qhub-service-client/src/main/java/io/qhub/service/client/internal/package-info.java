/**
 * The client's one HTTP stack: connection pool, Reactor Netty client and WebClient
 * assembled in one place ({@code Transport}), every call run by one {@code Exchange}
 * (deadlines, body limits, bearer token with one renewal on 401, error mapping and
 * classification, redaction), the transport retry, the token sources and the JSON
 * mapping. Not API: the module descriptor does not export this package, its few public
 * types are only the seams the client's own packages need, and everything here may change
 * in any release.
 */
@NullMarked
package io.qhub.service.client.internal;

import org.jspecify.annotations.NullMarked;
