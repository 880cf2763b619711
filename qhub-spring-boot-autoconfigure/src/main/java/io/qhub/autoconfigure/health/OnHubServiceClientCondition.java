package io.qhub.autoconfigure.health;

import io.qhub.service.client.HubServiceClient;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one {@link HubServiceClient} bean is defined, counting the named
 * ones, which are not default autowire candidates and so are not seen by
 * {@code @ConditionalOnBean}.
 */
final class OnHubServiceClientCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		String[] names = (beanFactory != null) ? beanFactory.getBeanNamesForType(HubServiceClient.class, true, false)
				: new String[0];
		return (names.length > 0) ? ConditionOutcome.match(names.length + " HubServiceClient bean(s)")
				: ConditionOutcome.noMatch("no HubServiceClient bean");
	}

}
