package com.catalogimage.ops;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.catalogimage.batchmode.BatchModeProperties;
import com.catalogimage.batchmode.Deadline;
import com.catalogimage.batchmode.SyncFinishEstimate;
import com.catalogimage.batchmode.SyncFinishEstimator;
import com.catalogimage.catalog.CatalogEstimator;
import com.catalogimage.catalog.CatalogProperties;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.GenerationProperties;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.simulator.SimulatorProperties;

/**
 * {@code estimate}: what a run would do, without staging anything or calling the provider: products to generate vs
 * up to date, the cost at standard and Batch API prices, and the duration at the configured rate and concurrency
 * with the provider's typical latency.
 */
class EstimateOperation implements Operation {

	private final CatalogEstimator estimator;

	private final CatalogProperties catalog;

	private final ProviderProperties provider;

	private final GenerationProperties generation;

	private final SimulatorProperties simulator;

	private final CostCalculator costs;

	private final BatchModeProperties batch;

	private final SyncFinishEstimator syncFinish;

	EstimateOperation(CatalogEstimator estimator, CatalogProperties catalog, ProviderProperties provider,
			GenerationProperties generation, SimulatorProperties simulator, CostCalculator costs,
			BatchModeProperties batch, SyncFinishEstimator syncFinish) {
		this.batch = batch;
		this.syncFinish = syncFinish;
		this.estimator = estimator;
		this.catalog = catalog;
		this.provider = provider;
		this.generation = generation;
		this.simulator = simulator;
		this.costs = costs;
	}

	@Override
	public String command() {
		return Commands.ESTIMATE;
	}

	@Override
	public int execute(Invocation invocation, PrintStream out, PrintStream err) {
		CatalogEstimator.Estimate estimate = this.estimator.estimate(this.catalog.input(), this.catalog.selection());
		String model = this.provider.model();
		BigDecimal standard = BigDecimal.ZERO;
		boolean priced = true;
		double callSeconds = 0;
		for (Map.Entry<String, Long> entry : estimate.toGenerateBySize().entrySet()) {
			BigDecimal price = this.costs.flatPrice(model, entry.getKey());
			priced &= price != null;
			standard = standard.add(price == null ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(entry.getValue())));
			callSeconds += latency(entry.getKey()).toNanos() / 1e9 * entry.getValue();
		}
		BigDecimal batch = standard.multiply(this.costs.batchDiscount(model));
		long count = estimate.toGenerate();
		double meanLatency = count == 0 ? 0 : callSeconds / count;
		double latencyLimit = meanLatency == 0 ? Double.MAX_VALUE : 60 * this.generation.concurrency() / meanLatency;
		double perMinute = Math.min(this.generation.rpm(), latencyLimit);
		double minutes = count == 0 ? 0 : count / perMinute;
		out.printf(Locale.ROOT, "Catalog %s: %d products (%d rows rejected)%n", this.catalog.input(),
				estimate.products(), estimate.rejected());
		out.printf(Locale.ROOT, "  to generate: %d   up to date: %d%n", count, estimate.upToDate());
		out.printf(Locale.ROOT, "Estimated cost: $%s at standard prices, $%s at Batch API prices (%s, prices as of %s)%s%n",
				money(standard), money(batch), model, this.costs.pricesAsOf(),
				priced ? "" : "; some sizes have no price configured and count as $0");
		out.printf(Locale.ROOT,
				"Estimated duration: %.1f min at %d rpm and concurrency %d (typical call %.1f s: at most %.0f images/min)%n",
				minutes, this.generation.rpm(), this.generation.concurrency(), meanLatency, perMinute);
		if (this.batch.deadline() != null) {
			printSwitchTime(this.batch.deadline(), count, out);
		}
		return ExitCodes.COMPLETED;
	}

	/** The moment {@code --mode auto} would stop waiting for batches, as the batch step works it out. */
	private void printSwitchTime(String deadlineText, long count, PrintStream out) {
		Instant now = Instant.now();
		Instant deadline = Deadline.resolve(deadlineText, now, ZoneId.systemDefault());
		SyncFinishEstimate estimate = this.syncFinish.estimate(count);
		Instant switchAt = estimate.latestSafeSwitch(deadline);
		String when = switchAt.isAfter(now) ? "the latest safe switch to calls is " + local(switchAt)
				: "too close: --mode auto would go straight to calls";
		out.printf(Locale.ROOT,
				"Deadline %s: %s (finishing %d products by calls takes about %.1f min, margin and polls included)%n",
				local(deadline), when, count, estimate.duration().toMillis() / 60_000.0);
	}

	private static String local(Instant instant) {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(instant.atZone(ZoneId.systemDefault()));
	}

	private Duration latency(String size) {
		return this.provider.isSimulator() ? this.simulator.scaledMean(size) : this.provider.typicalLatency(size);
	}

	private static String money(BigDecimal usd) {
		return usd.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

}
