package com.catalogimage.report;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reports look and how often a run says how far it is.
 *
 * @param progressInterval time between progress lines during the generate step; 0 turns them off
 * @param contactSheetLimit thumbnails on report.html at most (the first images in catalog order)
 * @param skippedTableLimit skipped products listed on report.html at most (report.csv has them all)
 * @param thumbnailSize longest side of a thumbnail in pixels
 */
@ConfigurationProperties("imagebatch.report")
public record ReportProperties(@DefaultValue("5s") Duration progressInterval,
		@DefaultValue("500") int contactSheetLimit, @DefaultValue("1000") int skippedTableLimit,
		@DefaultValue("160") int thumbnailSize) {
}
