package io.qhub.docs;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation holds no Java of its own: the reference guide includes every Java
 * snippet from the tagged regions of this module's test sources, and every Java block of
 * the README is a marked copy of one, line for line (see {@link SnippetDrift}).
 */
class SnippetDriftTests {

	static final Path SNIPPETS = Path.of("src/test/java/io/qhub/docs");

	private final SnippetDrift drift = new SnippetDrift(SNIPPETS);

	@Test
	void theGuideIncludesItsJavaFromTheSnippets() {
		assertThat(this.drift.checkGuide(Path.of("src/docs/asciidoc")))
			.as("[source,java] blocks of the guide that are not one include of an existing snippet")
			.isEmpty();
	}

	@Test
	void theReadmeJavaBlocksAreTheSnippets() {
		assertThat(this.drift.checkReadme(Path.of("../README.md")))
			.as("README.md ```java blocks that are not marked or differ from their snippet "
					+ "(copy the tagged region into the block)")
			.isEmpty();
	}

}
