package com.catalogimage.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a prompt for rows without one by filling {@code {column}} placeholders with the row's values. Placeholders
 * of empty columns leave no stray punctuation behind ("of Mug: ." becomes "of Mug.").
 */
final class PromptTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

	private static final Pattern DANGLING_COLON = Pattern.compile("\\s*:\\s*(?=[.,;]|$)");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private final String template;

	public PromptTemplate(String template) {
		this.template = template;
	}

	public String render(CatalogRow row) {
		Matcher matcher = PLACEHOLDER.matcher(this.template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(row.get(matcher.group(1))));
		}
		matcher.appendTail(out);
		String text = SPACES.matcher(out.toString()).replaceAll(" ").trim();
		return DANGLING_COLON.matcher(text).replaceAll("").replace(" .", ".");
	}

}
