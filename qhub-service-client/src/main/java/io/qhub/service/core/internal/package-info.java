/**
 * The client's one HTTP stack: connection pool, Reactor Netty client and WebClient
 * assembled in one place ({@code Transport}), every call run by an
 * {@link io.qhub.service.core.internal.Exchange} through one chain of steps (deadline,
 * transport retry, status mapping, connection permit, bearer token with one renewal on
 * 401, send), the token sources and credentials, endpoints, and the
 * {@link io.qhub.service.core.internal.PlatformTransport} of the Hub Platform API. Not
 * API: the module descriptor does not export this package, its few public types are only
 * the seams the client's own packages need, and everything here may change in any
 * release.
 */
@NullMarked
package io.qhub.service.core.internal;

import org.jspecify.annotations.NullMarked;
