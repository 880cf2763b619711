/**
 * Failure analysis of the Kipu Quantum Hub auto-configuration: the exceptions that name a
 * misconfigured property or an unsupported Spring Boot line, their failure analyzers, the
 * explanation of a missing client (with misspelt keys) and the compatibility verifier.
 * Depends on no other {@code io.qhub.autoconfigure} package.
 */
@NullMarked
package io.qhub.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
