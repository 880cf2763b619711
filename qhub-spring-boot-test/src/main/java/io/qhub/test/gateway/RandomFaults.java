package io.qhub.test.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Picks faults at random for a share of every operation's calls (see
 * {@link LocalHubGatewayBuilder#faultRate(double, long)}): each call fails with
 * probability {@code rate}, with one of {@link #KINDS} picked with equal chance. Each
 * operation draws from its own {@link Random}, seeded from the seed and the operation, so
 * with a given seed the n-th draw of an operation always gives the same answer, however
 * the calls of different operations interleave. Requests that match no operation are
 * never faulted.
 */
final class RandomFaults {

	/**
	 * How many kinds of fault are picked from: 503, 429 with {@code Retry-After: 0}, 500,
	 * a dropped connection.
	 */
	static final int KINDS = 4;

	private final double rate;

	private final Map<GatewayOperation, Random> randoms = new EnumMap<>(GatewayOperation.class);

	RandomFaults(double rate, long seed) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException("fault rate must be between 0 and 1, was " + rate);
		}
		this.rate = rate;
		for (GatewayOperation operation : GatewayOperation.values()) {
			this.randoms.put(operation, new Random(seed ^ (0x9E3779B97F4A7C15L * (operation.ordinal() + 1))));
		}
	}

	/**
	 * Draws whether the next call of an operation fails, and how.
	 * @param operation the operation called
	 * @return the fault for this call, or {@code null} for none
	 */
	@Nullable InjectedFault next(GatewayOperation operation) {
		if (this.rate == 0 || operation == GatewayOperation.UNMATCHED) {
			return null;
		}
		Random random = Objects.requireNonNull(this.randoms.get(operation), "every operation has a Random");
		int kind;
		synchronized (random) {
			if (random.nextDouble() >= this.rate) {
				return null;
			}
			kind = random.nextInt(KINDS);
		}
		return switch (kind) {
			case 0 -> InjectedFault.status(operation, 503, null, 1);
			case 1 -> InjectedFault.status(operation, 429, "0", 1);
			case 2 -> InjectedFault.status(operation, 500, null, 1);
			default -> InjectedFault.dropMidResponse(operation, 1);
		};
	}

}
