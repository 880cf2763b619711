/**
 * The local gateway: {@link io.qhub.test.gateway.LocalHubGateway}, a real HTTP server on
 * loopback that speaks the Kipu Quantum Hub gateway protocol (the seven service
 * operations, the OAuth2 token endpoint and the platform's data-pool grants) with its own
 * wire JSON, scriptable executions ({@link io.qhub.test.gateway.ServiceHandler}), fault
 * injection ({@link io.qhub.test.gateway.InjectedFault}, a seeded fault rate) and a
 * record of every request. No Spring: it also runs from the command line and in a
 * container.
 */
@NullMarked
package io.qhub.test.gateway;

import org.jspecify.annotations.NullMarked;
