package com.catalogimage.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a prompt for rows without one by filling {@code {column}} placeholders with the row's values. Placeholders
 * of empty columns leave no stray punctuation behind ("of Mug: ." becomes "of Mug."), and runs of whitespace become
 * one space.
 * <p>
 * The template is split into its literal text and placeholders once, and the clean-up is one pass over the filled
 * text: staging renders a prompt per row, and doing it with regular expressions per row was a tenth of the staging
 * thread's time on a 100,000-row catalog (docs/BENCHMARKS.md, issue 16).
 */
final class PromptTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

	/** Literal text at even indexes, column names at odd ones; starts and ends with literal text (maybe empty). */
	private final List<String> parts = new ArrayList<>();

	public PromptTemplate(String template) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		int literalStart = 0;
		while (matcher.find()) {
			this.parts.add(template.substring(literalStart, matcher.start()));
			this.parts.add(matcher.group(1));
			literalStart = matcher.end();
		}
		this.parts.add(template.substring(literalStart));
	}

	public String render(CatalogRow row) {
		StringBuilder filled = new StringBuilder(128);
		for (int i = 0; i < this.parts.size(); i++) {
			filled.append((i % 2 == 0) ? this.parts.get(i) : row.get(this.parts.get(i)));
		}
		return withoutDanglingColons(collapseWhitespace(filled)).replace(" .", ".");
	}

	/** Runs of whitespace (as {@code \s} means it: space, tab, line breaks, form feed) become one space; trimmed. */
	private static String collapseWhitespace(CharSequence text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean inRun = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isWhitespace(c)) {
				if (!inRun) {
					out.append(' ');
					inRun = true;
				}
			}
			else {
				out.append(c);
				inRun = false;
			}
		}
		return out.toString().trim();
	}

	/**
	 * Drops a colon, with the space before and after it, that ends the text or stands before {@code . , ;}: what an
	 * empty column leaves of "{name}: {description}.". The text has single spaces only, so "space" is one character.
	 */
	private static String withoutDanglingColons(String text) {
		if (text.indexOf(':') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int end = endOfText(text);
		int i = 0;
		while (i < text.length()) {
			int matchEnd = danglingColonEnd(text, i, end);
			if (matchEnd >= 0) {
				i = matchEnd;
			}
			else {
				out.append(text.charAt(i));
				i++;
			}
		}
		return out.toString();
	}

	/** Where a dangling colon starting at {@code start} ends, or -1 if none starts there. */
	private static int danglingColonEnd(String text, int start, int end) {
		int i = start;
		if (i < text.length() && isWhitespace(text.charAt(i))) {
			i++;
		}
		if (i >= text.length() || text.charAt(i) != ':') {
			return -1;
		}
		i++;
		if (i < text.length() && isWhitespace(text.charAt(i))) {
			i++;
		}
		boolean followedByStop = i < text.length() && ".,;".indexOf(text.charAt(i)) >= 0;
		return (followedByStop || i >= end) ? i : -1;
	}

	/**
	 * Where the text ends for a colon that "ends the text": its length, or the position of a last line terminator
	 * that whitespace clean-up leaves (U+0085, U+2028, U+2029), as a regular expression's {@code $} would have it.
	 */
	private static int endOfText(String text) {
		int last = text.length() - 1;
		if (last >= 0) {
			char c = text.charAt(last);
			if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
				return last;
			}
		}
		return text.length();
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

}
