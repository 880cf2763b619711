/**
 * The benchmark harness: scenarios that measure the client against a
 * {@link io.qhub.test.gateway.LocalHubGateway} (or a gateway given on the command line)
 * and report wall time, calls per operation, token and grant calls and peak heap. Run it
 * with {@code java -jar benchmarks/target/benchmarks.jar}; see {@code BENCHMARKS.md}.
 */
@NullMarked
package io.qhub.benchmarks;

import org.jspecify.annotations.NullMarked;
