package io.qhub.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SnippetDrift} on synthetic guides, READMEs and snippets: what passes and what is
 * reported.
 */
class SnippetDriftCheckerTests {

	@TempDir
	Path root;

	Path snippets;

	SnippetDrift drift;

	@BeforeEach
	void snippet() throws IOException {
		this.snippets = Files.createDirectories(this.root.resolve("snippets"));
		Files.createDirectories(this.snippets.resolve("topic"));
		Files.writeString(this.snippets.resolve("topic/Example.java"), """
				package io.qhub.docs.topic;

				class Example {

					void run() {
						// tag::run[]
						int shots = 100;
						System.out.println(shots);
						// end::run[]
					}

				}
				""");
		this.drift = new SnippetDrift(this.snippets);
	}

	@Test
	void nothingToCheckIsNoProblem() {
		assertThat(this.drift.checkGuide(this.root.resolve("no-guide"))).isEmpty();
		assertThat(this.drift.checkReadme(this.root.resolve("NO-README.md"))).isEmpty();
	}

	@Test
	void aGuideThatIncludesAnExistingTagPasses() throws IOException {
		Path guide = guide("""
				= Guide

				[source,java,indent=0]
				----
				include::{snippets}/topic/Example.java[tag=run,indent=0]
				----

				[source,java]
				include::{snippets}/topic/Example.java[tags=run]
				""");

		assertThat(this.drift.checkGuide(guide)).isEmpty();
	}

	@Test
	void inlineJavaInTheGuideIsReported() throws IOException {
		Path guide = guide("""
				= Guide

				[source,java]
				----
				int shots = 100;
				----

				[,java]
				----
				include::{snippets}/topic/Example.java[tag=run]
				System.out.println("and more");
				----
				""");

		List<String> problems = this.drift.checkGuide(guide);

		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).contains("index.adoc:3").contains("no inline Java").contains("int shots = 100;");
		assertThat(problems.get(1)).contains("index.adoc:8").contains("holds 2 line(s)");
	}

	@Test
	void aMissingFileOrTagInTheGuideIsReported() throws IOException {
		Path guide = guide("""
				[source,java]
				----
				include::{snippets}/topic/Missing.java[tag=run]
				----

				[source,java]
				----
				include::{snippets}/topic/Example.java[tag=walk]
				----

				[source,java]
				----
				include::{snippets}/topic/Example.java[]
				----
				""");

		List<String> problems = this.drift.checkGuide(guide);

		assertThat(problems).hasSize(3);
		assertThat(problems.get(0)).contains("index.adoc:1").contains("no snippet file topic/Missing.java");
		assertThat(problems.get(1)).contains("index.adoc:6").contains("no tag 'walk'");
		assertThat(problems.get(2)).contains("index.adoc:11").contains("names no tag");
	}

	@Test
	void aReadmeBlockEqualToItsSnippetPasses() throws IOException {
		Path readme = readme("""
				# Readme

				<!-- snippet: topic/Example.java#run -->
				```java
				int shots = 100;
				    System.out.println(shots);
				```
				""");

		assertThat(this.drift.checkReadme(readme)).isEmpty();
	}

	@Test
	void aDriftingReadmeBlockIsReported() throws IOException {
		Path readme = readme("""
				<!-- snippet: topic/Example.java#run -->
				```java
				int shots = 1000;
				System.out.println(shots);
				```
				""");

		assertThat(this.drift.checkReadme(readme)).singleElement()
			.asString()
			.contains("README.md:2")
			.contains("differs from topic/Example.java#run")
			.contains("'int shots = 1000;'")
			.contains("'int shots = 100;'");
	}

	@Test
	void anUnmarkedReadmeBlockOrAMissingSnippetIsReported() throws IOException {
		Path readme = readme("""
				```java
				int shots = 100;
				```

				<!-- snippet: topic/Example.java#walk -->
				```java
				int shots = 100;
				```
				""");

		List<String> problems = this.drift.checkReadme(readme);

		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).contains("README.md:1").contains("is not marked <!-- snippet:");
		assertThat(problems.get(1)).contains("README.md:6").contains("no tag 'walk'");
	}

	@Test
	void aTagUsedForSeveralRegionsGivesThemAllInOrder() throws IOException {
		Files.writeString(this.snippets.resolve("topic/Twice.java"), """
				// tag::both[]
				first();
				// end::both[]
				skipped();
				// tag::both[]
				// tag::inner[]
				second();
				// end::inner[]
				// end::both[]
				""");

		assertThat(this.drift.region("topic/Twice.java", "both")).containsExactly("first();", "second();");
	}

	private Path guide(String content) throws IOException {
		Path guide = Files.createDirectories(this.root.resolve("asciidoc"));
		Files.writeString(guide.resolve("index.adoc"), content);
		return guide;
	}

	private Path readme(String content) throws IOException {
		return Files.writeString(this.root.resolve("README.md"), content);
	}

}
