package com.catalogimage.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.ImageSize;

/**
 * Checks one row at a time and turns it into a {@link Product} or a {@link Rejection}. It remembers the SKUs seen so
 * far, so one validator serves exactly one pass over one file.
 */
final class CatalogRowValidator {

	/** SKUs become file names: letters, digits, dot, dash, underscore; no leading dot, no path separators. */
	private static final Pattern SAFE_SKU = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

	private final PromptTemplate promptTemplate;

	private final String defaultSize;

	private final String defaultAspectRatio;

	private final Set<String> seenSkus = new HashSet<>();

	public CatalogRowValidator(PromptTemplate promptTemplate, String defaultSize, String defaultAspectRatio) {
		this.promptTemplate = promptTemplate;
		this.defaultSize = defaultSize;
		this.defaultAspectRatio = defaultAspectRatio;
	}

	public sealed interface Outcome permits Valid, Rejected {
	}

	public record Valid(Product product) implements Outcome {
	}

	public record Rejected(Rejection rejection) implements Outcome {
	}

	public Outcome validate(CatalogRow row) {
		String sku = row.get(CatalogColumns.SKU);
		if (row.notUtf8() != null) {
			return reject(row, sku, row.notUtf8().field(),
					"not UTF-8: %s; %s".formatted(row.notUtf8().problem(), StrictUtf8.SAVE_AS_UTF8));
		}
		int columns = row.header().size();
		if (row.fieldCount() < columns) {
			List<String> missing = row.header().subList(row.fieldCount(), columns);
			return reject(row, sku, columnLabel(missing.get(0), row.fieldCount()),
					"row has %d fields but the header has %d (no %s); check the row's commas and quotes"
						.formatted(row.fieldCount(), columns, String.join(", ", missing)));
		}
		if (row.fieldCount() > columns) {
			return reject(row, sku, "column " + (columns + 1), ("row has %d fields but the header has %d; a value that"
					+ " holds a comma must be in double quotes").formatted(row.fieldCount(), columns));
		}
		if (sku.isEmpty()) {
			return reject(row, sku, CatalogColumns.SKU, "required value is missing");
		}
		if (!SAFE_SKU.matcher(sku).matches()) {
			return reject(row, sku, CatalogColumns.SKU,
					"not a safe file name: use 1-100 of A-Z a-z 0-9 . _ - and no leading dot");
		}
		if (!this.seenSkus.add(sku)) {
			return reject(row, sku, CatalogColumns.SKU, "duplicate SKU: an earlier row already uses it");
		}
		if (row.get(CatalogColumns.NAME).isEmpty()) {
			return reject(row, sku, CatalogColumns.NAME, "required value is missing");
		}
		String size = orDefault(row.get(CatalogColumns.SIZE), this.defaultSize);
		if (ImageSize.parse(size).isEmpty()) {
			return reject(row, sku, CatalogColumns.SIZE,
					"unknown size '%s'; expected one of %s".formatted(size, ImageSize.allowedValues()));
		}
		String ratio = orDefault(row.get(CatalogColumns.ASPECT_RATIO), this.defaultAspectRatio);
		if (!AspectRatio.isKnown(ratio)) {
			return reject(row, sku, CatalogColumns.ASPECT_RATIO,
					"unknown aspect ratio '%s'; expected one of %s".formatted(ratio, String.join(", ", AspectRatio.ALL)));
		}
		String prompt = row.get(CatalogColumns.PROMPT);
		if (prompt.isEmpty()) {
			prompt = this.promptTemplate.render(row);
		}
		String reference = row.get(CatalogColumns.REFERENCE_IMAGE);
		return new Valid(new Product(row.line(), sku, row.get(CatalogColumns.NAME), prompt, size, ratio,
				reference.isEmpty() ? null : reference));
	}

	private static Outcome reject(CatalogRow row, String sku, String field, String reason) {
		return new Rejected(new Rejection(row.line(), sku, field, reason));
	}

	/** The column's name, or its number when the name would not fit rejected.csv's field (64 characters). */
	private static String columnLabel(String name, int index) {
		return name.isEmpty() || name.length() > 64 ? "column " + (index + 1) : name;
	}

	private static String orDefault(String value, String fallback) {
		return value.isEmpty() ? fallback : value;
	}

}
