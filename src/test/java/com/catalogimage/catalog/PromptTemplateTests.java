package com.catalogimage.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PromptTemplateTests {

	private static final String TEMPLATE = "Studio product photo of {name}: {description}. Plain white background.";

	@Test
	void emptyColumnsLeaveNoStrayPunctuationAndWhitespaceRunsBecomeOneSpace() {
		PromptTemplate template = new PromptTemplate(TEMPLATE);
		assertThat(template.render(row("Mug", ""))).isEqualTo("Studio product photo of Mug. Plain white background.");
		assertThat(template.render(row("Blue \t mug", "Holds\n350 ml")))
			.isEqualTo("Studio product photo of Blue mug: Holds 350 ml. Plain white background.");
		assertThat(new PromptTemplate("{name}: {description}").render(row("Mug", ""))).isEqualTo("Mug");
		assertThat(new PromptTemplate("{name} :{description}; shot").render(row("Mug", " ")))
			.isEqualTo("Mug; shot");
	}

	@Test
	void rendersWhatTheRegularExpressionsRenderedForManyRows() {
		// the single-pass clean-up replaced three regular expressions; the old rendering is the oracle
		Random random = new Random(16);
		String alphabet = "ab :.,;\t\n\r\f\u000B\u0085\u2028{}$\\x";
		List<String> templates = List.of(TEMPLATE, "{name}: {description}", "{description} : {name}.", ":{name}:",
				"{category}{name} {description};:", "$1 \\{name} {nope}: {description}");
		for (int n = 0; n < 20_000; n++) {
			String name = randomText(random, alphabet);
			String description = randomText(random, alphabet);
			String template = templates.get(n % templates.size());
			CatalogRow row = row(name, description);
			assertThat(new PromptTemplate(template).render(row)).as("template %s, name [%s], description [%s]",
					template, name, description)
				.isEqualTo(regexRender(template, row));
		}
	}

	private static String randomText(Random random, String alphabet) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(8);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static CatalogRow row(String name, String description) {
		return new CatalogRow(2, Map.of("name", name, "description", description),
				List.of("sku", "name", "description"), 3, null);
	}

	/** The rendering before the single-pass clean-up, verbatim. */
	private static String regexRender(String template, CatalogRow row) {
		Matcher matcher = Pattern.compile("\\{([a-z_]+)}").matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(row.get(matcher.group(1))));
		}
		matcher.appendTail(out);
		String text = Pattern.compile("\\s+").matcher(out.toString()).replaceAll(" ").trim();
		return Pattern.compile("\\s*:\\s*(?=[.,;]|$)").matcher(text).replaceAll("").replace(" .", ".");
	}

}
