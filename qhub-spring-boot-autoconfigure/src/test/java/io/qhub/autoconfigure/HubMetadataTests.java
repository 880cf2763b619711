package io.qhub.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.jayway.jsonpath.JsonPath;
import io.qhub.autoconfigure.health.HubHealthAutoConfiguration;
import io.qhub.autoconfigure.tracking.HubTrackingAutoConfiguration;
import io.qhub.autoconfigure.tracking.HubTrackingEndpointAutoConfiguration;
import io.qhub.autoconfigure.tracking.HubTrackingHealthAutoConfiguration;
import io.qhub.autoconfigure.tracking.HubTrackingMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata and the auto-configuration registration.
 */
class HubMetadataTests {

	private static final List<String> KEYS = List.of("qhub.enabled", "qhub.service.endpoint",
			"qhub.service.access-key-id", "qhub.service.secret-access-key", "qhub.service.token-endpoint",
			"qhub.service.token-refresh-before-expiry", "qhub.service.connect-timeout", "qhub.service.read-timeout",
			"qhub.service.call-timeout", "qhub.service.max-connections", "qhub.service.max-json-body-size",
			"qhub.service.polling.initial-interval", "qhub.service.polling.max-interval",
			"qhub.service.polling.timeout", "qhub.service.result-retry.max-attempts",
			"qhub.service.result-retry.initial-backoff", "qhub.service.result-retry.multiplier",
			"qhub.service.result-retry.max-backoff", "qhub.service.ssl.bundle", "qhub.service.proxy.host",
			"qhub.service.proxy.port", "qhub.service.proxy.type", "qhub.service.proxy.username",
			"qhub.service.proxy.password", "qhub.service.proxy.non-proxy-hosts",
			"qhub.service.proxy.use-system-properties", "qhub.services", "management.health.qhub.enabled",
			"management.health.qhub.timeout", "management.health.qhubtracking.enabled",
			"management.endpoint.qhubtracking.access");

	@Test
	void metadataDescribesEveryKey() throws IOException {
		Map<String, Map<String, Object>> properties = properties();
		assertThat(properties).containsKeys(KEYS.toArray(String[]::new));
		for (String key : KEYS) {
			assertThat(properties.get(key).get("description")).as(key).asString().isNotBlank();
		}
	}

	@Test
	void metadataHasTypesAndOnlyTheDefaultsThatAreNotTheClients() throws IOException {
		Map<String, Map<String, Object>> properties = properties();
		// derived from the service endpoint when unset, so no fixed default
		assertThat(properties.get("qhub.service.token-endpoint")).doesNotContainKey("defaultValue")
			.containsEntry("type", "java.lang.String");
		assertThat(String.valueOf(properties.get("qhub.service.token-endpoint").get("description")))
			.contains("https://gateway.hub.kipu-quantum.com/token")
			.contains("/token");
		assertThat(properties.get("qhub.enabled")).containsEntry("defaultValue", true);
		// a service's defaults are the client's, in the client alone (the reference guide
		// shows them, and ServicePropertiesDefaultsTests pins them)
		assertThat(properties.entrySet()).filteredOn((entry) -> entry.getKey().startsWith("qhub.service."))
			.allSatisfy((entry) -> assertThat(entry.getValue()).as(entry.getKey()).doesNotContainKey("defaultValue"));
		assertThat(properties.get("qhub.service.read-timeout")).containsEntry("type", "java.time.Duration");
		assertThat(properties.get("qhub.service.call-timeout")).containsEntry("type", "java.time.Duration");
		assertThat(properties.get("qhub.service.max-connections")).containsEntry("type", "java.lang.Integer");
		assertThat(properties.get("qhub.service.max-json-body-size")).containsEntry("type",
				"org.springframework.util.unit.DataSize");
		assertThat(properties.get("qhub.service.polling.learning")).containsEntry("type", "java.lang.Boolean");
		assertThat(properties.get("management.health.qhub.enabled")).containsEntry("defaultValue", true)
			.containsEntry("type", "java.lang.Boolean");
		assertThat(properties.get("management.health.qhub.timeout")).containsEntry("defaultValue", "2s");
		assertThat(properties.get("management.health.qhubtracking.enabled")).containsEntry("defaultValue", true);
		// a write operation is off unless asked for, like Spring Boot's own
		assertThat(properties.get("management.endpoint.qhubtracking.access")).containsEntry("defaultValue",
				"read_only");
		assertThat(properties.get("qhub.services").get("type").toString())
			.contains("java.util.Map<java.lang.String,io.qhub.autoconfigure.ServiceProperties>");
	}

	@Test
	void metadataDescriptionsFollowBootConventions() throws IOException {
		for (Map.Entry<String, Map<String, Object>> entry : properties().entrySet()) {
			String description = String.valueOf(entry.getValue().get("description"));
			assertThat(description).as(entry.getKey()).doesNotStartWith("The ").doesNotStartWith("A ");
		}
		assertThat(String.valueOf(properties().get("qhub.enabled").get("description"))).startsWith("Whether");
	}

	@Test
	void autoConfigurationsAreRegistered() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		assertThat(candidates).contains(HubServiceAutoConfiguration.class.getName(),
				HubHealthAutoConfiguration.class.getName(), HubSanitizingAutoConfiguration.class.getName(),
				HubTrackingAutoConfiguration.class.getName(), HubTrackingMetricsAutoConfiguration.class.getName(),
				HubTrackingEndpointAutoConfiguration.class.getName(),
				HubTrackingHealthAutoConfiguration.class.getName());
	}

	@Test
	void autoConfigureMetadataRecordsConditions() throws IOException {
		Properties metadata = new Properties();
		try (InputStream in = new ClassPathResource("META-INF/spring-autoconfigure-metadata.properties",
				HubMetadataTests.class.getClassLoader())
			.getInputStream()) {
			metadata.load(in);
		}
		assertThat(metadata.getProperty(HubServiceAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("io.qhub.service.client.HubServiceClient");
		assertThat(metadata.getProperty(HubHealthAutoConfiguration.class.getName() + ".AutoConfigureAfter"))
			.isEqualTo(HubServiceAutoConfiguration.class.getName());
	}

	private static Map<String, Map<String, Object>> properties() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json",
				HubMetadataTests.class.getClassLoader())
			.getInputStream()) {
			List<Map<String, Object>> list = JsonPath.parse(in)
				.read("$.properties[?(@.name =~ /(management\\.(health|endpoint)\\.)?qhub.*/)]");
			Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
			list.forEach((property) -> byName.put((String) property.get("name"), property));
			return byName;
		}
	}

}
