package com.catalogimage.report;

import java.util.List;

import com.catalogimage.storage.ProductRecord;

/**
 * Everything report.html shows, gathered in one pass over the rows: the summary, the sorted latencies and finish
 * times the charts bucket, and capped lists for the contact sheet and the table of skipped products.
 *
 * @param apiLatencies api latencies of the generated images, ascending
 * @param totalLatencies total latencies of the generated images, ascending
 * @param finishedAt epoch milliseconds at which each image (generated or cached) was saved, ascending
 * @param images the first images in catalog order, at most the contact sheet's limit
 * @param imageCount all products with an image
 * @param skippedRows the first skipped products in catalog order, at most the table's limit
 */
record ReportData(ReportSummary summary, long[] apiLatencies, long[] totalLatencies, long[] finishedAt,
		List<ProductRecord> images, long imageCount, List<ProductRecord> skippedRows) {
}
