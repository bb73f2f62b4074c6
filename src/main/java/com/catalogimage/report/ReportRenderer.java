package com.catalogimage.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.catalogimage.batchmode.BatchTotalsQuery;
import com.catalogimage.generation.CostCalculator;
import com.catalogimage.image.Dimensions;
import com.catalogimage.storage.AtomicFiles;
import com.catalogimage.storage.AttemptJournal;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultRepository;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every report file of a job instance from the database: report.csv, rejected.csv, summary.csv, the
 * thumbnails and report.html. One streaming pass over the rows feeds both report.csv and the summary, so memory stays
 * bounded by the page's caps and a few primitive arrays, whatever the catalog's size. Each file is replaced
 * atomically. Used by the job's last step and by the {@code report} command for past runs.
 */
public class ReportRenderer {

	private static final Logger log = LoggerFactory.getLogger(ReportRenderer.class);

	private final ReportRepository reports;

	private final RunFactsQuery runs;

	private final ResultRepository results;

	private final AttemptJournal journal;

	private final BatchTotalsQuery batches;

	private final CostCalculator costs;

	private final ReportProperties properties;

	private final OutputLayout layout;

	private final Clock clock;

	ReportRenderer(ReportRepository reports, RunFactsQuery runs, ResultRepository results, AttemptJournal journal,
			BatchTotalsQuery batches, CostCalculator costs, ReportProperties properties, OutputLayout layout,
			Clock clock) {
		this.reports = reports;
		this.runs = runs;
		this.results = results;
		this.journal = journal;
		this.batches = batches;
		this.costs = costs;
		this.properties = properties;
		this.layout = layout;
		this.clock = clock;
	}

	/** Writes all report files of the instance and returns its summary. */
	public ReportSummary render(long instanceId) throws IOException {
		return render(instanceId, null);
	}

	/**
	 * @param status the run's status to show instead of the job repository's, for the job's own report step: its
	 * execution is still STARTED, but it only runs once staging and generation completed
	 */
	public ReportSummary render(long instanceId, @Nullable String status) throws IOException {
		long start = System.nanoTime();
		SummaryCollector collector = new SummaryCollector(this.costs, this.properties.contactSheetLimit(),
				this.properties.skippedTableLimit());
		AtomicFiles.write(this.layout.reportCsv(), file -> {
			try (ReportCsvWriter writer = new ReportCsvWriter(file)) {
				Consumer<ProductRecord> both = row -> {
					try {
						writer.write(row);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					collector.accept(row);
				};
				this.results.forEachProduct(instanceId, this.layout.root().toString(), both);
				this.reports.forEachRemoval(instanceId, both);
			}
		});
		this.journal.callGroups(instanceId).forEach(collector::acceptCalls);
		collector.acceptBatches(this.batches.totals(instanceId));
		long rejected = writeRejected(instanceId);
		RunFacts facts = this.runs.facts(instanceId);
		ReportData data = collector.finish(status == null ? facts : facts.withStatus(status), rejected);
		AtomicFiles.write(this.layout.summaryCsv(), file -> SummaryCsvWriter.write(file, data.summary()));
		Map<String, Dimensions> thumbnails = thumbnails(data);
		AtomicFiles.write(this.layout.reportHtml(), file -> {
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				new ReportHtmlWriter(out).write(data, thumbnails, this.clock.instant());
			}
		});
		log.info("Wrote {} ({} products), {}, {} and {} in {}", this.layout.reportCsv(), data.summary().products(),
				this.layout.rejectedCsv().getFileName(), this.layout.summaryCsv().getFileName(),
				this.layout.reportHtml().getFileName(), Figures.duration(Duration.ofNanos(System.nanoTime() - start)));
		return data.summary();
	}

	/** The instance's summary alone, without writing anything (for the console at the end of a run). */
	public ReportSummary summarize(long instanceId) {
		SummaryCollector collector = new SummaryCollector(this.costs, 0, 0);
		this.results.forEachProduct(instanceId, this.layout.root().toString(), collector);
		this.reports.forEachRemoval(instanceId, collector);
		this.journal.callGroups(instanceId).forEach(collector::acceptCalls);
		collector.acceptBatches(this.batches.totals(instanceId));
		return collector.finish(this.runs.facts(instanceId), this.reports.countRejections(instanceId)).summary();
	}

	private long writeRejected(long instanceId) throws IOException {
		long[] rows = new long[1];
		AtomicFiles.write(this.layout.rejectedCsv(), file -> {
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
					CSVPrinter printer = new CSVPrinter(out,
							CSVFormat.RFC4180.builder().setHeader("line", "sku", "field", "reason").get())) {
				this.reports.forEachRejection(instanceId, rejection -> {
					try {
						// the SKU and reason come straight from the catalog, which may hold a formula
						printer.printRecord(CsvCells.neutralised(rejection.line(), rejection.sku(), rejection.field(),
								rejection.reason()));
						rows[0]++;
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		});
		return rows[0];
	}

	private Map<String, Dimensions> thumbnails(ReportData data) {
		Thumbnails thumbs = new Thumbnails(this.layout.thumbs(), this.properties.thumbnailSize());
		Map<String, Dimensions> sizes = new ConcurrentHashMap<>();
		// decoding is CPU-bound and independent per image: use the cores (the contact sheet is capped, so is this)
		data.images().parallelStream().forEach(row -> {
			String path = row.image().path();
			if (path != null) {
				thumbs.thumbnail(this.layout.root().resolve(path), row.sku()).ifPresent(size -> sizes.put(row.sku(), size));
			}
		});
		return sizes;
	}

}
