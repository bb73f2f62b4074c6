package com.catalogimage.catalog;

import java.util.List;

/** The column names of products.csv; only {@link #SKU} and {@link #NAME} are required in the header. */
final class CatalogColumns {

	public static final String SKU = "sku";

	public static final String NAME = "name";

	public static final String DESCRIPTION = "description";

	public static final String CATEGORY = "category";

	public static final String PROMPT = "prompt";

	public static final String SIZE = "size";

	public static final String ASPECT_RATIO = "aspect_ratio";

	public static final String REFERENCE_IMAGE = "reference_image";

	public static final List<String> REQUIRED = List.of(SKU, NAME);

	/** The columns the job reads; a header may have others, which are ignored. */
	public static final List<String> ALL = List.of(SKU, NAME, DESCRIPTION, CATEGORY, PROMPT, SIZE, ASPECT_RATIO,
			REFERENCE_IMAGE);

	private CatalogColumns() {
	}

}
