package io.qhub.test.gateway;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Which fault a {@link LocalHubGateway} injects into a call: the first injected fault for
 * its operation that has calls left, else one drawn by the {@link RandomFaults fault
 * rate}, if any.
 */
final class FaultPlan {

	private final Queue<ActiveFault> faults = new ConcurrentLinkedQueue<>();

	private final @Nullable RandomFaults randomFaults;

	FaultPlan(@Nullable RandomFaults randomFaults) {
		this.randomFaults = randomFaults;
	}

	/**
	 * Plans a fault for the next calls of its operation.
	 * @param fault the fault
	 */
	void add(InjectedFault fault) {
		this.faults.add(new ActiveFault(fault));
	}

	/** Drops every added fault that has not fired yet. */
	void clear() {
		this.faults.clear();
	}

	/**
	 * Takes the fault for one call.
	 * @param operation the operation called
	 * @return the fault, or {@code null} for none
	 */
	@Nullable InjectedFault take(GatewayOperation operation) {
		for (ActiveFault fault : this.faults) {
			if (fault.fault.operation() == operation && fault.take()) {
				return fault.fault;
			}
		}
		return (this.randomFaults != null) ? this.randomFaults.next(operation) : null;
	}

	private static final class ActiveFault {

		private final InjectedFault fault;

		private final AtomicInteger remaining;

		ActiveFault(InjectedFault fault) {
			this.fault = fault;
			this.remaining = new AtomicInteger(fault.times());
		}

		boolean take() {
			return this.remaining.getAndUpdate((left) -> Math.max(left - 1, 0)) > 0;
		}

	}

}
