package io.qhub.autoconfigure;

import java.util.Map;

import io.qhub.service.client.HubServiceClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link HubServiceClient} bean per {@code qhub.services.<name>} entry, named
 * {@code <name>HubServiceClient} and qualified {@code @Qualifier("<name>")}. They are not default candidates: an
 * unqualified {@code HubServiceClient} injection point always gets the default service (or the application's own
 * bean), never an arbitrary named one; {@link HubServiceClients} lists them all.
 */
final class NamedHubServiceClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware,
		BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : serviceNames(this.environment)) {
			RootBeanDefinition definition = new RootBeanDefinition(HubServiceClient.class,
					() -> this.beanFactory.getBean(HubServiceClientFactory.class).createNamed(name));
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setDefaultCandidate(false);
			definition.setDestroyMethodName("close");
			definition.setRole(AbstractBeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(beanName(name), definition);
		}
	}

	static Iterable<String> serviceNames(Environment environment) {
		return Binder.get(environment)
			.bind("qhub.services", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElseGet(java.util.Set::of);
	}

	static String beanName(String name) {
		return name + "HubServiceClient";
	}

}
