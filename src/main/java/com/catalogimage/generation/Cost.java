package com.catalogimage.generation;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a product's image cost and how that was worked out.
 *
 * @param usd the cost, or null when no price is known (never silently zero)
 * @param basis {@code tokens}, {@code flat}, {@code cache} or {@code unknown}
 */
record Cost(@Nullable BigDecimal usd, String basis) {

	public static final Cost CACHE = new Cost(BigDecimal.ZERO, "cache");

	public static final Cost UNKNOWN = new Cost(null, "unknown");

}
