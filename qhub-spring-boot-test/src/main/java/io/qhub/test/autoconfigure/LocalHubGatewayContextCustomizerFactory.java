package io.qhub.test.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates a {@link LocalHubGatewayContextCustomizer} for test classes annotated with
 * {@link AutoConfigureLocalHubGateway} (also on an enclosing class of a {@code @Nested}
 * test). Registered in {@code META-INF/spring.factories} (Spring's factory loader needs
 * no public class).
 */
final class LocalHubGatewayContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureLocalHubGateway annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureLocalHubGateway.class);
		return (annotation != null) ? new LocalHubGatewayContextCustomizer(annotation) : null;
	}

}
