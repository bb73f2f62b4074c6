/**
 * What a run produced, for machines and people: report.csv (one row per product of the job instance), rejected.csv,
 * and the summary printed at the end of a run.
 */
@NullMarked
package com.catalogimage.report;

import org.jspecify.annotations.NullMarked;
