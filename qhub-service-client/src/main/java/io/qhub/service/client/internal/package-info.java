/**
 * Transport internals of the client: URL building, JSON mapping, the bearer-token and retry exchange filters and
 * error mapping. Not API: types here may change in any release; use {@link io.qhub.service.client} instead.
 */
@NullMarked
package io.qhub.service.client.internal;

import org.jspecify.annotations.NullMarked;
