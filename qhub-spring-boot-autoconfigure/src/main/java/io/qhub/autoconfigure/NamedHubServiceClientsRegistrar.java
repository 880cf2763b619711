package io.qhub.autoconfigure;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.ReactiveHubServiceClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.RuntimeBeanReference;
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
 * Registers two beans per {@code qhub.services.<name>} entry, both qualified
 * {@code @Qualifier("<name>")}: a {@link ReactiveHubServiceClient} named
 * {@code <name>ReactiveHubServiceClient} (built by
 * {@link HubServiceClientFactory#create(String)}, closed with the context) and the
 * {@link HubServiceClient} over it, named {@code <name>HubServiceClient} (sharing its
 * resources, not closed separately). They are declared as factory methods, so Spring AOT
 * can generate them. They are not default candidates: an unqualified injection point
 * always gets the default service (or the application's own bean), never an arbitrary
 * named one; {@link HubServiceClients} lists them all.
 */
final class NamedHubServiceClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Environment environment = Objects.requireNonNull(this.environment,
				"Spring sets the environment before it asks for bean definitions");
		for (String name : serviceNames(environment)) {
			RootBeanDefinition reactive = new RootBeanDefinition(ReactiveHubServiceClient.class);
			reactive.setFactoryBeanName("hubServiceClientFactory");
			reactive.setFactoryMethodName("create");
			reactive.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			reactive.setDestroyMethodName("close");
			registry.registerBeanDefinition(reactiveBeanName(name), named(reactive, name));
			RootBeanDefinition blocking = new RootBeanDefinition(HubServiceClient.class);
			blocking.setFactoryMethodName("of");
			blocking.getConstructorArgumentValues()
				.addIndexedArgumentValue(0, new RuntimeBeanReference(reactiveBeanName(name)));
			// the reactive bean owns the connection pool and closes it once
			blocking.setDestroyMethodName("");
			registry.registerBeanDefinition(beanName(name), named(blocking, name));
		}
	}

	private static RootBeanDefinition named(RootBeanDefinition definition, String name) {
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		definition.setDefaultCandidate(false);
		definition.setRole(AbstractBeanDefinition.ROLE_APPLICATION);
		return definition;
	}

	/**
	 * The keys under {@code qhub.services}, read before any bean exists (the services'
	 * properties are bound once, by {@link HubProperties}).
	 * @param environment the environment to read the keys from
	 * @return the names of the named services, empty when there is none
	 */
	private static Set<String> serviceNames(Environment environment) {
		return Binder.get(environment)
			.bind("qhub.services", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElseGet(Set::of);
	}

	static String beanName(String name) {
		return name + "HubServiceClient";
	}

	private static String reactiveBeanName(String name) {
		return name + "ReactiveHubServiceClient";
	}

}
