package io.qhub.service.client.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.qhub.service.client.model.LogEntry;
import io.qhub.service.client.model.LogEntrySeverity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LogFollower}: each entry once, in order, from successive reads of a log, told
 * apart by position and not by timestamp.
 */
class LogFollowerTests {

	private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

	private final LogFollower follower = new LogFollower();

	private static LogEntry entry(String message) {
		return new LogEntry(message, LogEntrySeverity.INFO, T);
	}

	@Test
	void theWholeLogReadAgainAndAgainHandsOutOnlyWhatIsNew() {
		assertThat(this.follower.newEntries(List.of(entry("a")))).containsExactly(entry("a"));
		assertThat(this.follower.newEntries(List.of(entry("a")))).isEmpty();
		assertThat(this.follower.newEntries(List.of(entry("a"), entry("b"), entry("c")))).containsExactly(entry("b"),
				entry("c"));
		assertThat(this.follower.newEntries(List.of(entry("a"), entry("b"), entry("c"), entry("d"))))
			.containsExactly(entry("d"));
	}

	@Test
	void equalEntriesWithOneTimestampAreEachHandedOutOnce() {
		assertThat(this.follower.newEntries(List.of(entry("tick")))).containsExactly(entry("tick"));
		assertThat(this.follower.newEntries(List.of(entry("tick"), entry("tick"), entry("tick"))))
			.containsExactly(entry("tick"), entry("tick"));
		assertThat(this.follower.newEntries(List.of(entry("tick"), entry("tick"), entry("tick")))).isEmpty();
	}

	@Test
	void aLogShortenedToItsLatestEntriesContinuesAfterTheLastEntryHandedOut() {
		this.follower.newEntries(List.of(entry("a"), entry("b"), entry("c")));

		assertThat(this.follower.newEntries(List.of(entry("b"), entry("c"), entry("d")))).containsExactly(entry("d"));
		assertThat(this.follower.newEntries(List.of(entry("x"), entry("y")))).containsExactly(entry("x"), entry("y"));
	}

	@Test
	void aLongLogIsFollowedWithABoundedMemory() {
		List<LogEntry> log = new ArrayList<>();
		List<LogEntry> handedOut = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			log.add(entry("line " + (i % 7)));
			if (i % 13 == 0) {
				handedOut.addAll(this.follower.newEntries(log));
			}
		}
		handedOut.addAll(this.follower.newEntries(log));

		assertThat(handedOut).isEqualTo(log);
	}

}
