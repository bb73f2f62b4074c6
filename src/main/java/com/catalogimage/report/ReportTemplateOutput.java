package com.catalogimage.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import gg.jte.html.HtmlTemplateOutput;
import org.jspecify.annotations.Nullable;

/**
 * Where the report templates write: their markup as it is, straight to the file, and every value they print (the
 * catalog's and the provider's text among them) escaped. jte tells this output whether a value goes into a tag's text
 * or an attribute; both get the same five entities ({@code & < > " '}), the set report.html has always used, so the
 * page reads the same with jte as it did before (jte's own HTML output leaves a quote raw in text and writes it as
 * {@code &#34;} in attributes: as safe, but a different page). Values inside {@code <script>} or {@code <style>} are
 * refused: entities do not make text safe there, and the page's scripts and styles take no data.
 */
final class ReportTemplateOutput implements HtmlTemplateOutput {

	private final Writer out;

	private @Nullable String tag;

	ReportTemplateOutput(Writer out) {
		this.out = out;
	}

	@Override
	public void setContext(String tagName, @Nullable String attributeName) {
		this.tag = tagName;
	}

	@Override
	public void writeContent(String value) {
		writeContent(value, 0, value.length());
	}

	@Override
	public void writeContent(String value, int beginIndex, int endIndex) {
		try {
			this.out.write(value, beginIndex, endIndex - beginIndex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void writeUserContent(@Nullable String value) {
		if (value == null) {
			return;
		}
		if ("script".equalsIgnoreCase(this.tag) || "style".equalsIgnoreCase(this.tag)) {
			throw new IllegalStateException("a report template prints a value inside <" + this.tag + ">");
		}
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			String entity = entity(value.charAt(i));
			if (entity != null) {
				writeContent(value, start, i);
				writeContent(entity);
				start = i + 1;
			}
		}
		writeContent(value, start, value.length());
	}

	private static @Nullable String entity(char c) {
		return switch (c) {
			case '&' -> "&amp;";
			case '<' -> "&lt;";
			case '>' -> "&gt;";
			case '"' -> "&quot;";
			case '\'' -> "&#39;";
			default -> null;
		};
	}

}
