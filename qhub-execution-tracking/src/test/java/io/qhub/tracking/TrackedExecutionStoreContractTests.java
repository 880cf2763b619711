package io.qhub.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract of a {@link TrackedExecutionStore}, held by the in-memory store and by the
 * JDBC store on a real H2 and a real PostgreSQL: an execution is added once; a claim
 * takes due executions earliest first up to its limit, leases them (owner, a new fencing
 * token, not due until the claim runs out) and finds a lease that ran out (a take-over);
 * a release or a completion naming a superseded claim changes nothing while the current
 * claim's applies; schedule arithmetic is the store's; concurrent claimants never claim
 * one execution twice. On the databases, each operation is one statement whatever its
 * batch.
 */
class TrackedExecutionStoreContractTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final AtomicInteger statements = new AtomicInteger();

	static Stream<String> stores() {
		return Stream.of("memory", "h2", "postgresql");
	}

	private TrackedExecutionStore store(String kind) {
		if (kind.equals("memory")) {
			return new InMemoryTrackedExecutionStore();
		}
		DataSource dataSource = TestDatabases.empty(kind);
		return new JdbcTrackedExecutionStore(TestDatabases.counting(dataSource, this.statements));
	}

	@ParameterizedTest
	@MethodSource("stores")
	void anExecutionIsAddedOnceAndItsScheduleIsCountedOnTheStoresClock(String kind) {
		TrackedExecutionStore store = store(kind);
		assertThat(store.add("default", "a", HOUR)).isTrue();
		assertThat(store.add("default", "a", Duration.ZERO)).isFalse();
		assertThat(store.list(10)).singleElement().satisfies((execution) -> {
			assertThat(Duration.between(execution.trackedAt(), execution.nextPollAt())).isEqualTo(HOUR);
			assertThat(execution.polls()).isZero();
			assertThat(execution.leaseOwner()).isNull();
			assertThat(execution.claim()).isZero();
		});
		assertThat(store.claimDue("me", HOUR, 10)).as("not due for an hour").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("stores")
	void aClaimTakesDueExecutionsEarliestFirstUpToItsLimitAndLeasesThem(String kind) {
		TrackedExecutionStore store = store(kind);
		store.add("default", "late", HOUR);
		store.add("default", "first", Duration.ZERO);
		store.add("default", "second", Duration.ofMillis(1));
		store.add("default", "third", Duration.ofMillis(2));
		await().atMost(Duration.ofSeconds(5)).until(() -> store.summary().totalDue() == 3);
		List<TrackedClaim> claims = store.claimDue("me", HOUR, 2);
		assertThat(claims).extracting((claim) -> claim.execution().id()).containsExactly("first", "second");
		assertThat(claims).allSatisfy((claim) -> {
			assertThat(claim.takeover()).isFalse();
			assertThat(claim.execution().leaseOwner()).isEqualTo("me");
			assertThat(claim.execution().claim()).isEqualTo(1);
		});
		assertThat(store.claimDue("other", HOUR, 10)).extracting((claim) -> claim.execution().id())
			.as("the leased ones are not due")
			.containsExactly("third");
	}

	@ParameterizedTest
	@MethodSource("stores")
	void aLeaseThatRanOutIsTakenOverAndTheSupersededClaimsReleaseChangesNothing(String kind) {
		TrackedExecutionStore store = store(kind);
		store.add("default", "a", Duration.ZERO);
		store.add("default", "b", Duration.ZERO);
		List<TrackedClaim> first = store.claimDue("me", Duration.ofMillis(1), 2);
		List<TrackedClaim> second = new ArrayList<>();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			second.addAll(store.claimDue("me", HOUR, 2));
			return second.size() == 2;
		});
		assertThat(second).allSatisfy((claim) -> {
			assertThat(claim.takeover()).isTrue();
			assertThat(claim.execution().claim()).isEqualTo(2);
		});
		TrackedExecution staleA = first.get(0).execution();
		TrackedExecution staleB = first.get(1).execution();
		assertThat(store.reschedule(
				List.of(new NextPoll(staleA.polled(1), Duration.ZERO), new NextPoll(staleB.polled(1), Duration.ZERO))))
			.as("stale releases")
			.isZero();
		assertThat(store.list(10)).hasSize(2).allSatisfy((execution) -> {
			assertThat(execution.leaseOwner()).isEqualTo("me");
			assertThat(execution.claim()).isEqualTo(2);
			assertThat(execution.polls()).isZero();
		});
		assertThat(store.claimDue("other", HOUR, 10)).as("the current claims still hold").isEmpty();
		assertThat(store.complete(List.of(staleB))).as("a delivered completion is never stale").isOne();
		assertThat(store.list(10)).extracting(TrackedExecution::id).containsExactly(staleA.id());
	}

	@ParameterizedTest
	@MethodSource("stores")
	void aReleaseSetsTheNextPollThePollsAndTheFailedDeliveriesAndFreesTheLease(String kind) {
		TrackedExecutionStore store = store(kind);
		store.add("default", "a", Duration.ZERO);
		store.add("default", "b", Duration.ZERO);
		List<TrackedClaim> claims = store.claimDue("me", HOUR, 2);
		TrackedExecution a = claims.get(0).execution().polled(3).deliveryFailed();
		TrackedExecution b = claims.get(1).execution().polled(1);
		assertThat(store.reschedule(List.of(new NextPoll(a, Duration.ZERO), new NextPoll(b, HOUR)))).isEqualTo(2);
		List<TrackedClaim> again = store.claimDue("other", HOUR, 10);
		assertThat(again).singleElement().satisfies((claim) -> {
			assertThat(claim.takeover()).as("released, not run out").isFalse();
			assertThat(claim.execution().id()).isEqualTo(a.id());
			assertThat(claim.execution().polls()).isEqualTo(3);
			assertThat(claim.execution().failedDeliveries()).isOne();
			assertThat(claim.execution().claim()).isEqualTo(2);
		});
		assertThat(store.list(10)).filteredOn((execution) -> execution.id().equals(b.id()))
			.singleElement()
			.satisfies((execution) -> {
				assertThat(execution.leaseOwner()).isNull();
				assertThat(execution.polls()).isOne();
			});
	}

	@ParameterizedTest
	@MethodSource("stores")
	void removingListingAndTheSummary(String kind) {
		TrackedExecutionStore store = store(kind);
		store.add("default", "due", Duration.ZERO);
		store.add("default", "later", HOUR);
		store.add("other", "x", HOUR.multipliedBy(2));
		assertThat(store.list(2)).extracting(TrackedExecution::id).containsExactly("due", "later");
		assertThat(store.summary().tracked()).isEqualTo(Map.of("default", 2L, "other", 1L));
		assertThat(store.summary().due()).containsEntry("default", 1L);
		assertThat(store.summary().totalDue()).isOne();
		store.claimDue("me", HOUR, 10);
		assertThat(store.remove("default", "due")).as("removed whoever holds it").isTrue();
		assertThat(store.remove("default", "due")).isFalse();
		assertThat(store.summary().totalTracked()).isEqualTo(2);
	}

	@ParameterizedTest
	@MethodSource("stores")
	void concurrentClaimantsNeverClaimOneExecutionTwice(String kind) throws Exception {
		TrackedExecutionStore store = store(kind);
		IntStream.range(0, 300).forEach((i) -> store.add("default", "e-" + i, Duration.ZERO));
		Map<String, String> claimedBy = new ConcurrentHashMap<>();
		Set<String> twice = ConcurrentHashMap.newKeySet();
		ExecutorService claimants = Executors.newFixedThreadPool(3);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < 3; c++) {
				String owner = "claimant-" + c;
				done.add(claimants.submit(() -> {
					start.await();
					List<TrackedClaim> claims;
					do {
						claims = store.claimDue(owner, HOUR, 16);
						for (TrackedClaim claim : claims) {
							if (claimedBy.putIfAbsent(claim.execution().key(), owner) != null) {
								twice.add(claim.execution().key());
							}
						}
					}
					while (!claims.isEmpty());
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			claimants.shutdownNow();
		}
		assertThat(twice).isEmpty();
		assertThat(claimedBy).hasSize(300);
		assertThat(new HashSet<>(claimedBy.values())).as("claimants").isNotEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void eachOperationIsOneStatementWhateverItsBatch(String kind) {
		TrackedExecutionStore store = store(kind);
		IntStream.range(0, 40).forEach((i) -> store.add("default", "e-" + i, Duration.ZERO));
		this.statements.set(0);
		List<TrackedClaim> claims = store.claimDue("me", HOUR, 40);
		assertThat(claims).hasSize(40);
		assertThat(this.statements).as("one claim of 40").hasValue(1);
		List<NextPoll> releases = claims.subList(0, 20)
			.stream()
			.map((claim) -> new NextPoll(claim.execution().polled(1), HOUR))
			.toList();
		assertThat(store.reschedule(releases)).isEqualTo(20);
		assertThat(this.statements).as("and one release of 20").hasValue(2);
		List<TrackedExecution> delivered = claims.subList(20, 40).stream().map(TrackedClaim::execution).toList();
		assertThat(store.complete(delivered)).isEqualTo(20);
		assertThat(this.statements).as("and one completion of 20").hasValue(3);
		assertThat(store.summary().totalTracked()).isEqualTo(20);
	}

	static Stream<String> databases() {
		return Stream.of("h2", "postgresql");
	}

}
