package io.qhub.it;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log line of the JVM (the client's, Spring's, Reactor Netty's, Netty's)
 * at a level, and describes log lines and exceptions whole (message, every cause, every
 * suppressed exception), so a test can check that no secret shows in any of them.
 */
final class LeakScan implements AutoCloseable {

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

	private final Level previousLevel;

	private LeakScan(Level level) {
		this.previousLevel = this.root.getLevel();
		this.root.setLevel(level);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/**
	 * Starts capturing.
	 * @param level the level every logger logs at meanwhile
	 * @return the capture, to be closed
	 */
	static LeakScan capture(Level level) {
		return new LeakScan(level);
	}

	/**
	 * Every line logged so far, each with the messages of its exception chain.
	 * @return the lines
	 */
	List<String> lines() {
		List<ILoggingEvent> events;
		synchronized (this.appender) {
			events = new ArrayList<>(this.appender.list);
		}
		return events.stream().map(LeakScan::describe).toList();
	}

	/**
	 * A log event as text: its message and, for its exception, every cause and suppressed
	 * exception.
	 * @param event the event
	 * @return the text
	 */
	static String describe(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		describe(event.getThrowableProxy(), text);
		return text.toString();
	}

	private static void describe(IThrowableProxy proxy, StringBuilder text) {
		for (IThrowableProxy current = proxy; current != null; current = current.getCause()) {
			text.append(" | ").append(current.getClassName()).append(": ").append(current.getMessage());
			for (IThrowableProxy suppressed : current.getSuppressed()) {
				describe(suppressed, text);
			}
		}
	}

	/**
	 * An exception as text: its {@code toString()} and that of every cause and suppressed
	 * exception.
	 * @param failure the exception, expected to be there
	 * @return the text
	 */
	static String describe(Throwable failure) {
		assertThat(failure).as("the flow was expected to fail").isNotNull();
		StringBuilder text = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			text.append(current).append(" | ");
			for (Throwable suppressed : current.getSuppressed()) {
				text.append(describe(suppressed)).append(" | ");
			}
		}
		return text.toString();
	}

	/**
	 * Checks that none of the texts holds any of the secrets.
	 * @param texts log lines, messages, {@code toString()}s
	 * @param secrets the secrets, in every form to look for
	 */
	static void assertNoneShows(List<String> texts, List<String> secrets) {
		for (String secret : secrets) {
			assertThat(texts).as("texts holding '%s'", secret).noneMatch((text) -> text.contains(secret));
		}
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.root.setLevel(this.previousLevel);
	}

}
