package io.qhub.service.client.aot;

import java.util.List;

import io.qhub.service.client.model.HalLink;
import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import io.qhub.service.client.model.ResultResponse;
import io.qhub.service.client.model.ServiceExecution;
import io.qhub.service.client.model.ServiceExecutionStatus;
import io.qhub.service.client.model.ServiceExecutionType;
import io.qhub.service.datapool.DataPoolPermission;
import io.qhub.service.datapool.DataPoolReference;
import io.qhub.service.datapool.ReferenceType;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The reflection a native image needs for the types the client reads and writes with
 * Jackson: the gateway's wire records and enums ({@link ServiceExecution},
 * {@link LogEntry}, {@link HalLink}, {@link ResultResponse}) and the data-pool reference
 * sent in a request ({@link DataPoolReference}). Registered for Spring AOT in
 * {@code META-INF/spring/aot.factories}, so any Spring AOT build (Spring Boot's
 * {@code process-aot} included) applies it. Request types of the application's own are
 * the application's to register.
 */
public final class HubClientRuntimeHints implements RuntimeHintsRegistrar {

	/** Every type the client binds with Jackson. */
	public static final List<Class<?>> BOUND_TYPES = List.of(ServiceExecution.class, ServiceExecutionStatus.class,
			ServiceExecutionType.class, LogEntry.class, LogEntrySeverity.class, HalLink.class, ResultResponse.class,
			ResultResponse.Embedded.class, DataPoolReference.class, ReferenceType.class, DataPoolPermission.class);

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	/**
	 * Creates the registrar; Spring AOT instantiates it from
	 * {@code META-INF/spring/aot.factories}.
	 */
	public HubClientRuntimeHints() {
	}

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindings.registerReflectionHints(hints.reflection(), BOUND_TYPES.toArray(Class<?>[]::new));
	}

}
