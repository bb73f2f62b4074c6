package com.catalogimage.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogRowValidatorTests {

	private final CatalogRowValidator validator = new CatalogRowValidator(
			new PromptTemplate("Studio product photo of {name}: {description}. Plain white background."), "1K", "1:1");

	@Test
	void validRowGetsTemplatedPromptAndDefaults() {
		// when
		CatalogRowValidator.Outcome outcome = this.validator.validate(row(2, "A-1", "Mug", "Red, 350 ml"));
		// then
		assertThat(outcome).isInstanceOfSatisfying(CatalogRowValidator.Valid.class, valid -> {
			assertThat(valid.product().prompt())
				.isEqualTo("Studio product photo of Mug: Red, 350 ml. Plain white background.");
			assertThat(valid.product().size()).isEqualTo("1K");
			assertThat(valid.product().aspectRatio()).isEqualTo("1:1");
		});
	}

	@Test
	void duplicateSkuIsRejectedOnTheLaterLine() {
		// given
		this.validator.validate(row(2, "A-1", "Mug", ""));
		// when
		CatalogRowValidator.Outcome outcome = this.validator.validate(row(7, "A-1", "Other mug", ""));
		// then
		assertThat(rejection(outcome)).isEqualTo(new Rejection(7, "A-1", "sku", "duplicate SKU: an earlier row already uses it"));
	}

	@Test
	void pathTraversalAndHiddenFileSkusAreRejected() {
		assertThat(rejection(this.validator.validate(row(2, "../etc/passwd", "Evil", ""))).field()).isEqualTo("sku");
		assertThat(rejection(this.validator.validate(row(3, ".hidden", "Hidden", ""))).reason())
			.contains("not a safe file name");
		assertThat(rejection(this.validator.validate(row(4, "a/b", "Slash", ""))).field()).isEqualTo("sku");
	}

	@Test
	void missingRequiredValuesNameTheirField() {
		assertThat(rejection(this.validator.validate(row(2, "", "Mug", ""))).field()).isEqualTo("sku");
		assertThat(rejection(this.validator.validate(row(3, "B-1", "", ""))).field()).isEqualTo("name");
	}

	@Test
	void unknownSizeAndAspectRatioAreRejectedWithTheAllowedValues() {
		Map<String, String> values = values("C-1", "Lamp", "");
		values.put("size", "1k");
		assertThat(rejection(this.validator.validate(new CatalogRow(2, values, true, values.size()))).reason())
			.contains("'1k'")
			.contains("1K");
		Map<String, String> ratio = values("C-2", "Lamp", "");
		ratio.put("aspect_ratio", "7:3");
		assertThat(rejection(this.validator.validate(new CatalogRow(3, ratio, true, ratio.size()))).field())
			.isEqualTo("aspect_ratio");
	}

	@Test
	void emptyDescriptionLeavesNoStrayPunctuationInThePrompt() {
		CatalogRowValidator.Outcome outcome = this.validator.validate(row(2, "A-1", "Mug", ""));
		assertThat(((CatalogRowValidator.Valid) outcome).product().prompt())
			.isEqualTo("Studio product photo of Mug. Plain white background.");
	}

	private static Rejection rejection(CatalogRowValidator.Outcome outcome) {
		assertThat(outcome).isInstanceOf(CatalogRowValidator.Rejected.class);
		return ((CatalogRowValidator.Rejected) outcome).rejection();
	}

	private static CatalogRow row(long line, String sku, String name, String description) {
		Map<String, String> values = values(sku, name, description);
		return new CatalogRow(line, values, true, values.size());
	}

	private static Map<String, String> values(String sku, String name, String description) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("sku", sku);
		values.put("name", name);
		values.put("description", description);
		return values;
	}

}
