package com.catalogimage.generation;

import java.math.BigDecimal;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prices per model, with the date they were taken (defaults from the providers' pricing pages). Model ids
 * contain dots, so in YAML they are written as {@code "[gemini-3.1-flash-image-preview]"}.
 *
 * @param asOf the date the prices were read from the provider's pricing page
 * @param models model id to its prices
 */
@ConfigurationProperties("imagebatch.pricing")
public record PricingProperties(@DefaultValue("unknown") String asOf, @DefaultValue Map<String, ModelPrice> models) {

	/**
	 * @param inputPerMillion USD per million input tokens (text and image)
	 * @param imageOutputPerMillion USD per million output image tokens
	 * @param textOutputPerMillion USD per million output text and thinking tokens
	 * @param perImage flat USD per image by size, used when an answer carries no token usage
	 * @param batchDiscount the Batch API price as a share of the standard price
	 */
	public record ModelPrice(@Nullable BigDecimal inputPerMillion, @Nullable BigDecimal imageOutputPerMillion,
			@Nullable BigDecimal textOutputPerMillion, @DefaultValue Map<String, BigDecimal> perImage,
			@DefaultValue("0.5") BigDecimal batchDiscount) {
	}

}
