/**
 * The Kipu Quantum Hub service client. Exports the API packages only: the core (errors, settings, policies), the
 * client, its wire records, its observation, its AOT hints and the data-pool/platform package; the internal packages
 * ({@code io.qhub.service.core.internal}: the HTTP stack; {@code io.qhub.service.client.internal}: the gateway
 * operations, polling, results) are not exported. Execution tracking is the module {@code io.qhub.tracking} (artifact
 * {@code qhub-execution-tracking}). On the class path (as in a Spring Boot application) this descriptor is ignored
 * and the internal packages' public seams are documented as internal.
 */
module io.qhub.service.client {

	requires transitive spring.webflux;
	requires transitive spring.web;
	requires transitive spring.core;
	requires transitive reactor.core;
	requires transitive org.reactivestreams;
	requires transitive reactor.netty.http;
	requires transitive reactor.netty.core;
	requires transitive micrometer.observation;
	requires transitive micrometer.commons;
	requires transitive com.fasterxml.jackson.annotation;
	requires static transitive org.jspecify;
	// the Kotlin coroutine extensions (io.qhub.service.client, compiled from Kotlin): optional, as their
	// dependencies are
	requires static kotlin.stdlib;
	requires static kotlinx.coroutines.core;
	requires static kotlinx.coroutines.reactive;
	requires static kotlinx.coroutines.reactor;
	requires io.netty.transport;
	requires io.netty.handler;
	requires io.netty.codec.http;
	requires io.netty.handler.proxy;
	requires io.netty.common;
	requires spring.security.oauth2.client;
	requires spring.security.oauth2.core;
	requires spring.security.core;
	requires spring.retry;
	requires tools.jackson.core;
	requires tools.jackson.databind;
	requires org.apache.commons.logging;

	exports io.qhub.service.core;
	exports io.qhub.service.client;
	exports io.qhub.service.client.aot;
	exports io.qhub.service.client.model;
	exports io.qhub.service.client.observation;
	exports io.qhub.service.datapool;

	opens io.qhub.service.client.model to tools.jackson.databind;
	opens io.qhub.service.datapool to tools.jackson.databind;

}
