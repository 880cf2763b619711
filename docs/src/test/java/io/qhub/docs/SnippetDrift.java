package io.qhub.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds where the documentation's Java could drift from the compiled and tested snippets
 * under {@code src/test/java/io/qhub/docs}: inline Java in the guide (every
 * {@code [source,java]} or {@code [,java]} block must be one
 * {@code include::{snippets}/...[tag=...]} of an existing file and tag), and a README
 * {@code ```java} block that is not marked {@code <!-- snippet: <path>#<tag> -->} on the
 * line before it or whose lines (stripped) differ from the tagged region's. Each problem
 * is one line naming the file, the line and what is wrong.
 */
final class SnippetDrift {

	private static final Pattern SOURCE_JAVA = Pattern.compile("^\\[(?:source)?,\\s*java\\b.*]\\s*$");

	private static final Pattern INCLUDE = Pattern.compile("^include::\\{snippets}/([^\\[]+)\\[(.*)]\\s*$");

	private static final Pattern TAG_ATTRIBUTE = Pattern.compile("(?:^|,)\\s*tags?=\"?([^,\"]+)\"?");

	private static final Pattern README_JAVA = Pattern.compile("^\\s*```java\\s*$");

	private static final Pattern README_FENCE = Pattern.compile("^\\s*```\\s*$");

	private static final Pattern SNIPPET_COMMENT = Pattern.compile("^\\s*<!-- snippet: (\\S+)#(\\S+) -->\\s*$");

	private static final Pattern TAG_DIRECTIVE = Pattern.compile("\\b(?:tag|end)::\\S*\\[]");

	private final Path snippets;

	/**
	 * A checker of documentation against the snippets under a directory.
	 * @param snippets the directory the guide's {@code {snippets}} attribute names
	 */
	SnippetDrift(Path snippets) {
		this.snippets = snippets;
	}

	/**
	 * The problems of every {@code .adoc} file under a directory (none when it does not
	 * exist).
	 * @param asciidoc the guide's source directory
	 * @return the problems, empty when the guide holds no inline Java
	 */
	List<String> checkGuide(Path asciidoc) {
		if (!Files.isDirectory(asciidoc)) {
			return List.of();
		}
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(asciidoc)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".adoc")).sorted().toList()) {
				checkAdoc(file, read(file), problems);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return problems;
	}

	private void checkAdoc(Path file, List<String> lines, List<String> problems) {
		for (int i = 0; i < lines.size(); i++) {
			if (!SOURCE_JAVA.matcher(lines.get(i).strip()).matches()) {
				continue;
			}
			String where = file + ":" + (i + 1);
			List<String> body = new ArrayList<>();
			int next = i + 1;
			if (next < lines.size() && isDelimiter(lines.get(next))) {
				String delimiter = lines.get(next).strip();
				int end = next + 1;
				while (end < lines.size() && !lines.get(end).strip().equals(delimiter)) {
					body.add(lines.get(end));
					end++;
				}
				if (end == lines.size()) {
					problems.add(where + ": [source,java] block is not closed by " + delimiter);
				}
				i = end;
			}
			else {
				while (next < lines.size() && !lines.get(next).isBlank()) {
					body.add(lines.get(next));
					next++;
				}
				i = next;
			}
			List<String> content = body.stream().filter((line) -> !line.isBlank()).toList();
			Matcher include = (content.size() == 1) ? INCLUDE.matcher(content.get(0).strip()) : null;
			if (include == null || !include.matches()) {
				problems.add(where + ": [source,java] block must hold one include::{snippets}/<file>[tag=<tag>] "
						+ "line and no inline Java, but holds " + content.size() + " line(s)"
						+ (content.isEmpty() ? "" : ", starting '" + content.get(0).strip() + "'"));
				continue;
			}
			String path = include.group(1);
			Matcher tags = TAG_ATTRIBUTE.matcher(include.group(2));
			if (!tags.find()) {
				problems.add(where + ": include of " + path + " names no tag (tag=<tag> or tags=<a>;<b>)");
				continue;
			}
			for (String tag : tags.group(1).split(";")) {
				String problem = regionProblem(path, tag.strip());
				if (problem != null) {
					problems.add(where + ": " + problem);
				}
			}
		}
	}

	private static boolean isDelimiter(String line) {
		String stripped = line.strip();
		return stripped.length() >= 4
				&& (stripped.chars().allMatch((c) -> c == '-') || stripped.chars().allMatch((c) -> c == '.'));
	}

	/**
	 * The problems of a Markdown file's {@code ```java} blocks (none when it does not
	 * exist).
	 * @param readme the Markdown file
	 * @return the problems, empty when every Java block equals its marked snippet
	 */
	List<String> checkReadme(Path readme) {
		if (!Files.isRegularFile(readme)) {
			return List.of();
		}
		List<String> lines = read(readme);
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!README_JAVA.matcher(lines.get(i)).matches()) {
				continue;
			}
			String where = readme + ":" + (i + 1);
			List<String> block = new ArrayList<>();
			int end = i + 1;
			while (end < lines.size() && !README_FENCE.matcher(lines.get(end)).matches()) {
				block.add(lines.get(end).strip());
				end++;
			}
			Matcher marker = (i > 0) ? SNIPPET_COMMENT.matcher(lines.get(i - 1)) : null;
			if (marker == null || !marker.matches()) {
				problems.add(where + ": ```java block is not marked <!-- snippet: <path under io/qhub/docs>#<tag> --> "
						+ "on the line before it");
			}
			else {
				String path = marker.group(1);
				String tag = marker.group(2);
				String problem = regionProblem(path, tag);
				if (problem != null) {
					problems.add(where + ": " + problem);
				}
				else {
					List<String> region = region(path, tag);
					if (!region.equals(block)) {
						problems.add(where + ": ```java block differs from " + path + "#" + tag + " "
								+ firstDifference(block, region));
					}
				}
			}
			i = end;
		}
		return problems;
	}

	private static String firstDifference(List<String> block, List<String> region) {
		for (int i = 0; i < Math.min(block.size(), region.size()); i++) {
			if (!block.get(i).equals(region.get(i))) {
				return "at its line " + (i + 1) + ": README has '" + block.get(i) + "', the snippet '" + region.get(i)
						+ "'";
			}
		}
		return "in length: README has " + block.size() + " line(s), the snippet " + region.size();
	}

	private @Nullable String regionProblem(String path, String tag) {
		Path file = this.snippets.resolve(path);
		if (!Files.isRegularFile(file)) {
			return "no snippet file " + path + " (under " + this.snippets + ")";
		}
		List<String> lines = read(file);
		boolean opened = lines.stream().anyMatch((line) -> line.contains("tag::" + tag + "[]"));
		boolean closed = lines.stream().anyMatch((line) -> line.contains("end::" + tag + "[]"));
		if (!opened || !closed) {
			return "no tag '" + tag + "' in " + path + " (// tag::" + tag + "[] ... // end::" + tag + "[])";
		}
		return null;
	}

	/**
	 * The lines of a tagged region, stripped, without tag directive lines; a tag used for
	 * several regions gives them all, in order, as Asciidoctor includes them.
	 * @param path the file, relative to the snippets directory
	 * @param tag the tag
	 * @return the region's lines
	 */
	List<String> region(String path, String tag) {
		List<String> region = new ArrayList<>();
		boolean inside = false;
		for (String line : read(this.snippets.resolve(path))) {
			if (line.contains("tag::" + tag + "[]")) {
				inside = true;
			}
			else if (line.contains("end::" + tag + "[]")) {
				inside = false;
			}
			else if (inside && !TAG_DIRECTIVE.matcher(line).find()) {
				region.add(line.strip());
			}
		}
		return region;
	}

	private static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
