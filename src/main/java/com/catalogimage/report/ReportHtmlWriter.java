package com.catalogimage.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;

import com.catalogimage.image.Dimensions;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;

/**
 * Writes report.html: one self-contained page (inline CSS, SVG and two small scripts; nothing is fetched from the
 * network) with the run's totals, latency and throughput charts, cost by status, the skipped products and a contact
 * sheet of thumbnails linking to the full images. Every text from the catalog or a provider is escaped.
 * <p>
 * The markup is in jte templates ({@code src/main/jte}), which the build compiles to Java classes of this package, so
 * javac checks every expression in them against {@link ReportPage}; the page streams to the writer as it renders.
 */
final class ReportHtmlWriter {

	private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
			ReportHtmlWriter.class.getClassLoader(), ReportHtmlWriter.class.getPackageName());

	private final Writer out;

	ReportHtmlWriter(Writer out) {
		this.out = out;
	}

	/**
	 * @param thumbnails sku to thumbnail width and height, for the images that got one
	 */
	void write(ReportData data, Map<String, Dimensions> thumbnails, Instant generatedAt) throws IOException {
		try {
			TEMPLATES.render("report.jte", ReportPage.of(data, thumbnails, generatedAt),
					new ReportTemplateOutput(this.out));
		}
		catch (RuntimeException ex) {
			// a failed write of the file reaches here wrapped (by the output, then by jte): it stays an IOException
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof UncheckedIOException io) {
					throw io.getCause();
				}
			}
			throw ex;
		}
	}

}
