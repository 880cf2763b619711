package io.qhub.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.HubServiceExecution;
import io.qhub.service.client.RunOptions;
import io.qhub.service.core.HubTransportException;
import io.qhub.service.core.ResultConversionException;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.InjectedFault;
import io.qhub.test.gateway.LocalHubGateway;
import io.qhub.test.gateway.ResultFile;
import io.qhub.test.gateway.ServiceOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Typed requests and results through the real stack: a record is sent as its properties
 * (with {@code $tags} and {@code $secrets} added as for a map), the output fields and a
 * JSON result file read as records, and a field that does not fit fails with the type and
 * the field named, never the value; an endless JSON file is cut at the JSON limit.
 */
class TypedDataIntegrationTests {

	private final LocalHubGateway gateway = LocalHubGateway.builder()
		.timing(Duration.ZERO, Duration.ofMillis(50))
		.handler((request) -> ServiceOutcome
			.success(Map.of("energy", -1.25, "shots", request.get("shots"), "samples", List.of(0.5, 0.75), "label",
					"secret-looking-value"))
			.withFile("histogram.json",
					ResultFile.of("{\"counts\":{\"00\":510,\"11\":490},\"extra\":true}".getBytes(), "application/json"))
			.withFile("broken.json", ResultFile.of("{\"counts\":{\"00\":\"many\"}}".getBytes(), "application/json")))
		.start();

	private final HubServiceClient client = HubServiceClient.builder()
		.serviceEndpoint(this.gateway.serviceEndpoint())
		.build();

	@AfterEach
	void close() {
		this.client.close();
		this.gateway.close();
	}

	@Test
	void aRecordIsSentAsItsPropertiesWithTagsAndSecretsAdded() {
		this.client.run(new Circuit("bell", 100, List.of("h", "cx")),
				RunOptions.none().withTags("typed").withSecrets(Map.of("token", "s3cr3t")));
		String body = this.gateway.requests(GatewayOperation.START_EXECUTION).get(0).body();
		assertThat(body).contains("\"name\":\"bell\"", "\"shots\":100", "\"gates\":[\"h\",\"cx\"]",
				"\"$tags\":[\"typed\",\"" + RunOptions.SUBMISSION_KEY_TAG_PREFIX,
				"\"$secrets\":{\"token\":\"s3cr3t\"}");
	}

	@Test
	void theOutputFieldsAndAJsonFileAreReadAsRecords() {
		HubServiceExecution execution = this.client.run(new Circuit("bell", 100, List.of("h")));
		Energy energy = execution.result(Energy.class);
		assertThat(energy).isEqualTo(new Energy(-1.25, 100, List.of(0.5, 0.75)));
		Histogram histogram = execution.resultFile("histogram.json", Histogram.class);
		assertThat(histogram.counts()).containsExactly(Map.entry("00", 510), Map.entry("11", 490));
		Energy reactive = execution.reactive().result(Energy.class).block();
		assertThat(reactive).isEqualTo(energy);
	}

	@Test
	void aFieldThatDoesNotFitNamesTheTypeAndTheFieldButNotTheValue() {
		record Labelled(int label) {
		}
		HubServiceExecution execution = this.client.run(Map.of("shots", 1));
		assertThatExceptionOfType(ResultConversionException.class).isThrownBy(() -> execution.result(Labelled.class))
			.satisfies((ex) -> {
				assertThat(ex.targetType()).isEqualTo(Labelled.class.getName());
				assertThat(ex.field()).isEqualTo("label");
				assertThat(ex.getMessage())
					.contains("The result of execution " + execution.id(), Labelled.class.getName(), "field 'label'",
							"expected int")
					.doesNotContain("secret-looking-value");
				assertThat(ex.getCause()).isNull();
			});
		assertThatExceptionOfType(ResultConversionException.class)
			.isThrownBy(() -> execution.resultFile("broken.json", Histogram.class))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("Result file 'broken.json'", "field 'counts.00'")
				.doesNotContain("many"));
	}

	@Test
	void anEndlessJsonResultFileIsCutAtTheJsonLimit() {
		HubServiceExecution execution = this.client.run(Map.of("shots", 1));
		execution.waitForFinalState();
		this.gateway.inject(InjectedFault.endlessBody(GatewayOperation.GET_RESULT_FILE));
		try (HubServiceClient small = HubServiceClient.builder()
			.serviceEndpoint(this.gateway.serviceEndpoint())
			.maxJsonBodySize(64 * 1024)
			.build()) {
			assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(
						() -> small.getServiceExecution(execution.id()).resultFile("histogram.json", Histogram.class))
				.withMessageContaining("64 KiB")
				.withMessageContaining("max-json-body-size");
		}
	}

	@Test
	void aRequestThatIsNotAJsonObjectIsRefusedBeforeAnyRequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.run(List.of(1, 2)))
			.withMessageContaining("must be a JSON object")
			.withMessageContaining("java.util.")
			.withMessageContaining("array");
		record WithThread(Thread thread) {
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.run(new WithThread(Thread.currentThread())))
			.withMessageContaining("at 'thread'");
		assertThat(this.gateway.callCount(GatewayOperation.START_EXECUTION)).isZero();
	}

	record Circuit(String name, int shots, List<String> gates) {
	}

	record Energy(double energy, int shots, List<Double> samples) {
	}

	record Histogram(Map<String, Integer> counts) {
	}

}
