/**
 * Sample Spring Boot application of the qhub starter: a demo run of the whole execution
 * flow on start and a small REST API over executions.
 */
@NullMarked
package io.qhub.sample;

import org.jspecify.annotations.NullMarked;
