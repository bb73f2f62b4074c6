package com.catalogimage.catalog;

import java.util.LinkedHashMap;
import java.util.List;
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
		assertThat(rejection(this.validator.validate(complete(2, values))).reason())
			.contains("'1k'")
			.contains("1K");
		Map<String, String> ratio = values("C-2", "Lamp", "");
		ratio.put("aspect_ratio", "7:3");
		assertThat(rejection(this.validator.validate(complete(3, ratio))).field())
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

	@Test
	void bytesThatAreNotUtf8RejectTheRowNamingTheFieldWithAHint() {
		Map<String, String> values = values("D-1", "Caf\uFFFD", "");
		CatalogRow row = new CatalogRow(5, values, List.copyOf(values.keySet()), 3,
				new CatalogRow.NotUtf8("name", "byte 0xE9 after 'Caf'"));
		assertThat(rejection(this.validator.validate(row))).isEqualTo(new Rejection(5, "D-1", "name",
				"not UTF-8: byte 0xE9 after 'Caf'; save the catalog as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma"
						+ " delimited)\")"));
	}

	@Test
	void raggedRowsNameTheFirstMissingColumnOrTheFirstExtraFieldWithTheCounts() {
		List<String> header = List.of("sku", "name", "description", "category");
		Map<String, String> short_ = values("E-1", "Mug", "");
		Map<String, String> long_ = values("E-2", "Mug", "Red");
		assertThat(rejection(this.validator.validate(new CatalogRow(6, short_, header, 2, null))))
			.isEqualTo(new Rejection(6, "E-1", "description", "row has 2 fields but the header has 4 (no description,"
					+ " category); check the row's commas and quotes"));
		List<String> longName = List.of("sku", "name", "x".repeat(65));
		assertThat(rejection(this.validator.validate(new CatalogRow(8, values("E-3", "Mug", ""), longName, 2, null)))
			.field()).as("a header name too long for the field column").isEqualTo("column 3");
		assertThat(rejection(this.validator.validate(new CatalogRow(7, long_, header, 6, null))))
			.isEqualTo(new Rejection(7, "E-2", "column 5",
					"row has 6 fields but the header has 4; a value that holds a comma must be in double quotes"));
	}

	private static CatalogRow row(long line, String sku, String name, String description) {
		return complete(line, values(sku, name, description));
	}

	/** A row with every column of its header and valid UTF-8. */
	private static CatalogRow complete(long line, Map<String, String> values) {
		return new CatalogRow(line, values, List.copyOf(values.keySet()), values.size(), null);
	}

	private static Map<String, String> values(String sku, String name, String description) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("sku", sku);
		values.put("name", name);
		values.put("description", description);
		return values;
	}

}
