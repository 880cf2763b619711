package io.qhub.docs.configuration;

import io.qhub.autoconfigure.HubServiceClientCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WiretapConfiguration {

	// tag::customizer[]
	@Bean
	HubServiceClientCustomizer wiretap() {
		return (name, builder) -> builder.httpClient((http) -> http.wiretap(true));
	}
	// end::customizer[]

}
