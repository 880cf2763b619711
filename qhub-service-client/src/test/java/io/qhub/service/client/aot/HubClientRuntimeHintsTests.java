package io.qhub.service.client.aot;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HubClientRuntimeHints}: registered for Spring AOT, and covering every type the
 * client binds with Jackson (every record and enum of the wire model, the data-pool
 * reference): type, canonical constructor and accessors of each record, as
 * {@code RuntimeHintsPredicates} sees them.
 */
class HubClientRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	HubClientRuntimeHintsTests() {
		new HubClientRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void isRegisteredInAotFactories() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(HubClientRuntimeHints.class);
	}

	@Test
	void everyRecordCanBeConstructedAndReadReflectively() {
		for (Class<?> type : HubClientRuntimeHints.BOUND_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
			if (type.isRecord()) {
				Class<?>[] parameters = Arrays.stream(type.getRecordComponents())
					.map(RecordComponent::getType)
					.toArray(Class<?>[]::new);
				assertThat(RuntimeHintsPredicates.reflection()
					.onConstructorInvocation(ClassUtils.getConstructorIfAvailable(type, parameters)))
					.as("canonical constructor of %s", type.getName())
					.accepts(this.hints);
				for (RecordComponent component : type.getRecordComponents()) {
					assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
						.as("%s.%s()", type.getName(), component.getName())
						.accepts(this.hints);
				}
			}
		}
	}

	@Test
	void everyWireModelTypeIsCovered() throws Exception {
		List<Class<?>> model = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver(getClass().getClassLoader())
			.getResources("classpath*:io/qhub/service/client/model/*.class")) {
			String binaryName = "io.qhub.service.client.model." + resource.getFilename().replace(".class", "");
			Class<?> type = Class.forName(binaryName);
			if (Modifier.isPublic(type.getModifiers()) && (type.isRecord() || type.isEnum())) {
				model.add(type);
			}
		}
		assertThat(model).contains(ServiceExecution.class, ResultResponse.Embedded.class);
		assertThat(HubClientRuntimeHints.BOUND_TYPES).containsAll(model);
	}

}
