package io.qhub.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code qhub.platform.api-key} has text. Unlike
 * {@code @ConditionalOnProperty}, an empty value (as an unset
 * {@code ${QHUB_PLATFORM_API_KEY:}} placeholder gives) does not count.
 */
final class OnPlatformApiKeyCondition extends SpringBootCondition {

	static final String PROPERTY = "qhub.platform.api-key";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String apiKey = context.getEnvironment().getProperty(PROPERTY);
		return StringUtils.hasText(apiKey) ? ConditionOutcome.match(PROPERTY + " has text")
				: ConditionOutcome.noMatch(PROPERTY + " is not set or empty");
	}

}
