package com.catalogimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.catalogimage.ops.ExitCodes;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.Database;
import com.catalogimage.support.InProcessRemoteRun;
import com.catalogimage.support.JobRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared run's parts in a remote run (a manager and a worker process, here in this JVM over an embedded broker):
 * the claiming feed, the gate row, the budgets read from the database. The run claims every product once, stops
 * through the gate row, and the same command continues with everything pending.
 */
class SharedRunJobTests {

	@TempDir
	Path workspace;

	@RegisterExtension
	final InProcessRemoteRun remote = InProcessRemoteRun.in(() -> this.workspace);

	@Test
	void aRunOfSharedStateClaimsEveryProductOnceAndCompletes() throws IOException {
		// given
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 20, "SHARED");
		JobRun manager = this.remote.manager(database);
		this.remote.worker(database, manager.output(), "one");
		// when
		JobRun.Result result = manager.run(this.remote.managerArgs(catalog, "--partitions", "4"));
		// then: every product claimed, generated and called for once; the execution's gate row stayed open
		assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
		JdbcTemplate jdbc = database.jdbc();
		assertThat(jdbc.queryForList("select status, count(*) from catalog_item group by status"))
			.containsExactly(Map.of("status", "GENERATED", "count", 20L));
		assertThat(jdbc.queryForObject("select count(*) from catalog_item where claimed_by is not null", Long.class))
			.isEqualTo(20);
		assertThat(jdbc.queryForList("select item_id from generation_attempt group by item_id having count(*) > 1"))
			.isEmpty();
		assertThat(jdbc.queryForList("select state from run_gate", String.class)).containsExactly("OPEN");
	}

	@Test
	void aBudgetStopsTheRunThroughTheGateRowAndTheSameCommandContinuesWithEverythingPending() throws IOException {
		// given: a budget below one call's price
		Database database = Database.postgres();
		Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 6, "BUDGET");
		JobRun manager = this.remote.manager(database);
		this.remote.worker(database, manager.output(), "one");
		// when
		JobRun.Result stopped = manager.run(this.remote.managerArgs(catalog, "--max-cost", "0.05"));
		// then: STOPPED, with the reason in the execution's gate row, and no product left claimed
		assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.STOPPED);
		JdbcTemplate jdbc = database.jdbc();
		List<Map<String, Object>> gate = jdbc.queryForList("select state, reason from run_gate");
		assertThat(gate).singleElement().satisfies(row -> {
			assertThat(row.get("state")).isEqualTo("STOPPING");
			assertThat((String) row.get("reason")).contains("--max-cost");
		});
		assertThat(jdbc.queryForObject(
				"select count(*) from catalog_item where status = 'PENDING' and claimed_by is null", Long.class))
			.isEqualTo(6);
		// when: the same command without the budget
		JobRun.Result continued = manager.run(this.remote.managerArgs(catalog));
		// then: a new execution with a gate of its own finds all six
		assertThat(continued.exitCode()).as(continued.out() + continued.err()).isZero();
		assertThat(jdbc.queryForObject("select count(*) from catalog_item where status = 'GENERATED'", Long.class))
			.isEqualTo(6);
		assertThat(jdbc.queryForList("select state from run_gate order by job_execution_id", String.class))
			.containsExactly("STOPPING", "OPEN");
	}

}
