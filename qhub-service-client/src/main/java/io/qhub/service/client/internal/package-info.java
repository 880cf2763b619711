/**
 * The client's internals: the seven gateway operations written once
 * ({@code GatewayOperations}), the one poller of waits and the client's learned polling
 * schedule ({@code ExecutionPoller}, {@code LearnedSchedule}), the result retry, result
 * conversion and downloads, and the request and answer JSON. Built on the HTTP stack of
 * {@code io.qhub.service.core.internal}. Not API: the module descriptor does not export
 * this package, its public types are only the seams the client's own API packages need,
 * and everything here may change in any release.
 */
@NullMarked
package io.qhub.service.client.internal;

import org.jspecify.annotations.NullMarked;
