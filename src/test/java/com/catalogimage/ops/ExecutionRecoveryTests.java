package com.catalogimage.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.catalogimage.job.RunHeartbeat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class ExecutionRecoveryTests {

	private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

	private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
			"jdbc:h2:mem:heartbeat;DB_CLOSE_DELAY=0", "sa", "", true);

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final RunHeartbeat heartbeat = new RunHeartbeat(this.jdbc, Clock.fixed(NOW, ZoneOffset.UTC));

	private final JobOperator jobOperator = mock(JobOperator.class);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final JobExecution execution = new JobExecution(7, new JobInstance(3, "catalogImageJob"),
			new JobParameters());

	ExecutionRecoveryTests() {
		this.jdbc.execute("create table run_heartbeat (job_execution_id bigint primary key, owner varchar(200) not null,"
				+ " beat_at timestamp with time zone not null)");
		this.execution.setStatus(BatchStatus.STARTED);
	}

	@AfterEach
	void close() {
		this.heartbeat.close();
		this.dataSource.destroy();
	}

	@Test
	void aLiveExecutionIsNotRecoveredAndTheLineSaysWhenItCountsAsDeadAndHowToForce() {
		// given: the run in another process beat 3.2 s ago
		beat(NOW.minusMillis(3_200));
		// when
		boolean recovered = recover(false, false);
		// then
		assertThat(recovered).isFalse();
		verify(this.jobOperator, never()).recover(any());
		assertThat(text(this.err)).isEqualTo("error: execution 7 is still running: process 4242@cron-host beat 3 s ago"
				+ " (a running execution beats every 5 s). If that process is gone, run recover again in 27 s, when"
				+ " the beat is 30 s old, or now with 'recover --execution 7 --force'.\n");
	}

	@Test
	void aStaleOrForcedExecutionIsRecovered() {
		beat(NOW.minusSeconds(31));
		assertThat(recover(false, false)).isTrue();
		beat(NOW.minusSeconds(1));
		assertThat(recover(true, false)).as("--force").isTrue();
		assertThat(text(this.out)).contains("Execution 7 (was STARTED) is marked FAILED");
	}

	@Test
	void anH2FileThisProcessOpenedItselfNeedsNoHeartbeat() {
		// right after a kill -9: the beat is fresh, but no other process can have the file open
		beat(NOW.minusSeconds(1));
		assertThat(recover(false, true)).isTrue();
		verify(this.jobOperator).recover(this.execution);
	}

	@Test
	void exclusiveMeansAnH2FileOpenedByThisProcess() {
		assertThat(ExecutionRecovery.exclusive(new JobDatabase("jdbc:h2:file:./data/x;WRITE_DELAY=0"))).isTrue();
		assertThat(ExecutionRecovery.exclusive(new JobDatabase("jdbc:h2:tcp://127.0.0.1:4000/key"))).isFalse();
		assertThat(ExecutionRecovery.exclusive(new JobDatabase("jdbc:h2:file:./data/x;AUTO_SERVER=TRUE"))).isFalse();
		assertThat(ExecutionRecovery.exclusive(new JobDatabase("jdbc:postgresql://db/catalog"))).isFalse();
	}

	private boolean recover(boolean force, boolean exclusive) {
		return new ExecutionRecovery(this.jobOperator, this.heartbeat, exclusive).recover(this.execution, force,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private void beat(Instant at) {
		this.jdbc.update("delete from run_heartbeat");
		this.jdbc.update("insert into run_heartbeat (job_execution_id, owner, beat_at) values (7, '4242@cron-host', ?)",
				at.atOffset(ZoneOffset.UTC));
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8);
	}

}
