package io.qhub.service.client.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.qhub.service.client.model.LogEntry;

/**
 * Tells the entries of a log not handed out yet, from successive reads of the whole log
 * ({@code GET /{id}/log} answers every entry each time, oldest first). Entries are told
 * apart by position, never by timestamp, so entries that share a timestamp (or are equal
 * altogether) are each handed out once. A read is taken to continue the last one when its
 * entries at the positions handed out so far end with the last ones handed out (the usual
 * case: the same log, grown at its end); otherwise (a log the gateway shortened to its
 * latest entries) the new entries start after the latest place where the most recently
 * handed-out entries occur, and when none of them occurs the whole read is new. Remembers
 * a count and the last {@value #TAIL} entries, whatever the log's length. Not
 * thread-safe: one per follow, fed in order.
 */
public final class LogFollower {

	/** How many of the last entries handed out are remembered to place a read. */
	static final int TAIL = 16;

	private final Deque<LogEntry> tail = new ArrayDeque<>();

	private long handedOut;

	/**
	 * The entries of this read not handed out before, now handed out.
	 * @param log the whole log as read, oldest first
	 * @return the new entries, oldest first
	 */
	public List<LogEntry> newEntries(List<LogEntry> log) {
		int start = start(log);
		List<LogEntry> fresh = List.copyOf(log.subList(start, log.size()));
		for (LogEntry entry : fresh) {
			this.tail.addLast(entry);
			if (this.tail.size() > TAIL) {
				this.tail.removeFirst();
			}
		}
		this.handedOut += fresh.size();
		return fresh;
	}

	private int start(List<LogEntry> log) {
		if (this.tail.isEmpty()) {
			return 0;
		}
		List<LogEntry> seen = new ArrayList<>(this.tail);
		if (this.handedOut <= log.size()) {
			int end = (int) this.handedOut;
			if (endsWith(log, end, seen, Math.min(seen.size(), end))) {
				return end;
			}
		}
		for (int length = seen.size(); length >= 1; length--) {
			for (int end = log.size(); end >= length; end--) {
				if (endsWith(log, end, seen, length)) {
					return end;
				}
			}
		}
		return 0;
	}

	/**
	 * Whether {@code log[end - length, end)} equals the last {@code length} entries seen.
	 * @param log the log as read
	 * @param end the position after the last entry compared
	 * @param seen the last entries handed out, oldest first
	 * @param length how many entries to compare
	 * @return {@code true} when they are equal
	 */
	private static boolean endsWith(List<LogEntry> log, int end, List<LogEntry> seen, int length) {
		for (int i = 1; i <= length; i++) {
			if (!log.get(end - i).equals(seen.get(seen.size() - i))) {
				return false;
			}
		}
		return true;
	}

}
