package com.catalogimage.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.catalogimage.generation.CostCalculator;
import com.catalogimage.generation.PricingProperties;
import com.catalogimage.image.Dimensions;
import com.catalogimage.storage.ProductRecord;
import com.catalogimage.storage.ResultFigures.Calls;
import com.catalogimage.storage.ResultFigures.ImageFile;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ResultFigures.Price;
import com.catalogimage.storage.ResultFigures.Timing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ReportHtmlWriterTests {

	private static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

	private static final String EVIL = "<script>alert('x')</script> & \"Mug\"";

	@Test
	void escapesEveryTextFromTheCatalogAndTheProvider() throws IOException {
		// given
		List<ProductRecord> rows = List.of(generated("A-1", EVIL), skipped("B-2", EVIL, "<b>bad</b>, \"quoted\""));
		// when
		String html = render(rows, 10, Map.of("A-1", new Dimensions(160, 160)));
		// then
		assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>bad</b>");
		assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Mug&quot;");
		assertThat(html).contains("&lt;b&gt;bad&lt;/b&gt;, &quot;quoted&quot;");
	}

	@Test
	void isSelfContainedAndLinksThumbnailsToTheFullImagesRelatively() throws IOException {
		// given
		List<ProductRecord> rows = List.of(generated("A-1", "Mug"), generated("A-2", "Cup"));
		// when
		String html = render(rows, 10, Map.of("A-1", new Dimensions(160, 120)));
		// then: no URL that a browser would fetch from the network
		assertThat(html).doesNotContain("http:").doesNotContain("https:").doesNotContain("//cdn");
		assertThat(html).doesNotContain("<link").doesNotContain(" src=\"/");
		assertThat(html).contains("<style>").contains("<svg viewBox");
		assertThat(html).contains(
				"<a class=\"frame\" href=\"images/A-1.png\"><img class=\"thumb\" src=\"thumbs/A-1.jpg\" width=\"160\" height=\"120\"");
		assertThat(html).contains("href=\"images/A-2.png\"><span class=\"missing\">no preview</span>");
	}

	@Test
	void capsTheContactSheetAndSaysSo() throws IOException {
		// given
		List<ProductRecord> rows = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			rows.add(generated("A-" + i, "Product " + i));
		}
		// when
		String html = render(rows, 12, Map.of());
		// then
		assertThat(html).contains("Showing the first 12 of 30 images");
		assertThat(html.split("<figure>", -1)).hasSize(13);
	}

	@Test
	void showsTheTotalsInTheHeader() throws IOException {
		// when
		String html = render(List.of(generated("A-1", "Mug"), skipped("B-1", "Cup", "IMAGE_SAFETY")), 10, Map.of());
		// then
		assertThat(html).contains("<div class=\"big\" id=\"total-products\">2</div>");
		assertThat(html).contains("<div class=\"big\" id=\"total-cost\">$0.0670</div>");
		assertThat(html).contains("By reason: IMAGE_SAFETY 1");
	}

	@Test
	void emptyRunsGetANoteInsteadOfAChart() throws IOException {
		// when: a run that generated no image and saved none
		String html = render(List.of(skipped("B-1", "Cup", "IMAGE_SAFETY")), 10, Map.of());
		// then
		assertThat(html).contains("No image was generated");
		assertThat(html).contains("No image was saved");
		assertThat(html).doesNotContain("<svg");
	}

	@Test
	void aFailedWriteIsAnIOException() {
		// given: a disk that fills up on the first write
		Writer full = new Writer() {
			@Override
			public void write(char[] chars, int offset, int length) throws IOException {
				throw new IOException("No space left on device");
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		// when, then: as it was with hand-written HTML, the report step sees the IOException itself
		ReportData data = data(List.of(generated("A-1", "Mug")), 10);
		assertThatIOException().isThrownBy(() -> new ReportHtmlWriter(full).write(data, Map.of(), T0))
			.withMessage("No space left on device");
	}

	private static String render(List<ProductRecord> rows, int imageLimit, Map<String, Dimensions> thumbnails)
			throws IOException {
		StringWriter out = new StringWriter();
		new ReportHtmlWriter(out).write(data(rows, imageLimit), thumbnails, T0);
		return out.toString();
	}

	private static ReportData data(List<ProductRecord> rows, int imageLimit) {
		SummaryCollector collector = new SummaryCollector(
				new CostCalculator(new PricingProperties("2026-11-24", Map.of())), imageLimit, 100);
		rows.forEach(collector);
		return collector.finish(new RunFacts(7, List.of(7L), "COMPLETED", "/in/products.csv", "simulator", "m", "1K",
				null, Duration.ofSeconds(10), 600, T0), 0);
	}

	private static ProductRecord generated(String sku, String name) {
		return new ProductRecord(1, sku, name, "GENERATED", null, "simulator", "m", "1K", "1:1",
				new Calls(1, 0, 0, 0L, 0L), new Timing(400L, 450L, T0, T0.plusMillis(450)),
				new Price(20L, 1130L, new BigDecimal("0.067"), "flat"),
				new ImageFile(100L, 1024, 1024, "ab", "images/" + sku + ".png"), 7L, Origin.SYNC);
	}

	private static ProductRecord skipped(String sku, String name, String reason) {
		return new ProductRecord(2, sku, name, "SKIPPED", reason, "simulator", "m", "1K", "1:1",
				new Calls(1, 0, 0, 0L, 0L), new Timing(null, null, T0, T0.plusMillis(100)),
				new Price(null, null, null, "unknown"), ImageFile.NONE, 7L, Origin.SYNC);
	}

}
