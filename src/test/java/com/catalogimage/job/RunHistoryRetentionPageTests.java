package com.catalogimage.job;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.catalogimage.support.MigratedDatabase;
import com.catalogimage.support.QueryPlans;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting an old run goes through its products a page at a time: each page must cost its own rows. */
class RunHistoryRetentionPageTests {

	@Test
	void aPageOfAnOldRunsProductsReadsThePageNotTheRun() {
		JdbcTemplate h2 = MigratedDatabase.h2();
		QueryPlans.stagePending(h2, 3, 3 * RunHistoryRetention.PAGE);
		String page = RunHistoryRetention.PAGE_TO_DELETE;
		assertThat(QueryPlans.rowsRead(h2, page, 3L)).isLessThanOrEqualTo(RunHistoryRetention.PAGE + 1);
		assertThat(h2.queryForList(page, Long.class, 3L)).hasSize(RunHistoryRetention.PAGE).doesNotHaveDuplicates();
	}

}
