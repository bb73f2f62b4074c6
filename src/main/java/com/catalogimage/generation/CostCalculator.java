package com.catalogimage.generation;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.catalogimage.generation.PricingProperties.ModelPrice;
import com.catalogimage.provider.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * Prices a delivered image: from the answer's token usage when it has one (image tokens at the image rate, text and
 * thinking at the text rate, prompt at the input rate), else the flat per-image price for the model and size. Money
 * no result row holds (calls of unknown outcome, delivered images no row prices) is priced by {@link #atFlatPrice}
 * alone, for the cost budget and the report alike.
 */
public final class CostCalculator {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	private final PricingProperties pricing;

	public CostCalculator(PricingProperties pricing) {
		this.pricing = pricing;
	}

	public Cost cost(String model, String size, @Nullable TokenUsage usage) {
		ModelPrice price = this.pricing.models().get(model);
		if (price == null) {
			return Cost.UNKNOWN;
		}
		if (usage != null && price.imageOutputPerMillion() != null) {
			BigDecimal usd = perMillion(usage.inputTokens(), price.inputPerMillion())
				.add(perMillion(usage.outputImageTokens(), price.imageOutputPerMillion()))
				.add(perMillion(usage.outputTextTokens() + usage.thinkingTokens(), price.textOutputPerMillion()));
			return new Cost(usd.setScale(6, RoundingMode.HALF_UP), "tokens");
		}
		BigDecimal flat = flatPrice(model, size);
		return flat == null ? Cost.UNKNOWN : new Cost(flat.setScale(6, RoundingMode.HALF_UP), "flat");
	}

	/** The flat per-image price, or null when none is configured. */
	public @Nullable BigDecimal flatPrice(String model, String size) {
		ModelPrice price = this.pricing.models().get(model);
		return price == null ? null : price.perImage().get(size);
	}

	/**
	 * What {@code calls} calls (or delivered images) of a model and size cost at its flat price: how the calls no
	 * result row prices are counted, since their token usage was not kept.
	 * @return null when the price table has no flat price for them
	 */
	public @Nullable BigDecimal atFlatPrice(@Nullable String model, String size, long calls) {
		BigDecimal flat = model == null ? null : flatPrice(model, size);
		return flat == null ? null : flat.multiply(BigDecimal.valueOf(calls));
	}

	/**
	 * What a call is expected to cost before it is made: the flat per-image price, else the per-size image tokens at
	 * the image rate are unknown here, so zero (a budget cannot be enforced without a price; the log says so).
	 */
	public BigDecimal expected(String model, String size) {
		BigDecimal flat = flatPrice(model, size);
		return flat == null ? BigDecimal.ZERO : flat;
	}

	/** The share of the standard price the provider's Batch API charges for this model. */
	public BigDecimal batchDiscount(String model) {
		ModelPrice price = this.pricing.models().get(model);
		return price == null ? BigDecimal.ONE : price.batchDiscount();
	}

	public String pricesAsOf() {
		return this.pricing.asOf();
	}

	private static BigDecimal perMillion(long tokens, @Nullable BigDecimal rate) {
		if (rate == null || tokens == 0) {
			return BigDecimal.ZERO;
		}
		return rate.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, 9, RoundingMode.HALF_UP);
	}

}
