package com.catalogimage.job;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import com.catalogimage.run.CatalogImageJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the job database from growing with every nightly run: at the end of a completed run, deletes the runs older
 * than the newest {@link RetentionProperties#keepRuns()} that completed (or were abandoned) longer than
 * {@link RetentionProperties#minAge()} ago: their products, results, attempt journal, rejections, removals, provider
 * batches, and their Spring Batch instance, executions and contexts.
 * <p>
 * What a run still needs is never deleted: a failed or stopped run (its restart continues from its rows, however old),
 * the image manifest and the image cache (they keep unchanged products from being paid for again; neither belongs to
 * a run), and the calls the requests-per-day budget counts (younger than the minimum age). The rows go in pages of
 * {@value #PAGE} products, each page in its own transaction, so a 100,000-product run is deleted without one huge
 * transaction.
 */
public class RunHistoryRetention implements JobExecutionListener {

	static final int PAGE = 2000;

	/**
	 * Any page of a run's products: without an order H2 stops at the page's end (ordered by id it read every row of the
	 * run for each page, 100,000 rows per page of a 100,000-product run).
	 */
	static final String PAGE_TO_DELETE = "select id from catalog_item where job_instance_id = ? fetch first " + PAGE
			+ " rows only";

	private static final Logger log = LoggerFactory.getLogger(RunHistoryRetention.class);

	private final JdbcTemplate jdbc;

	private final JobRepository jobRepository;

	private final RetentionProperties retention;

	private final Clock clock;

	private final TransactionTemplate ownTransaction;

	public RunHistoryRetention(JdbcTemplate jdbc, JobRepository jobRepository, RetentionProperties retention,
			Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.retention = retention;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() != BatchStatus.COMPLETED || this.retention.keepRuns() <= 0) {
			return;
		}
		try {
			int pruned = prune(jobExecution.getJobInstance().getInstanceId());
			if (pruned > 0) {
				log.info("Deleted the rows of {} run(s) beyond the newest {} (imagebatch.retention.keep-runs)", pruned,
						this.retention.keepRuns());
			}
		}
		catch (RuntimeException ex) {
			// the run itself completed; the next completed run tries again
			log.warn("Could not delete old runs' rows: {}", ex.getMessage());
		}
	}

	/**
	 * Deletes the runs beyond retention, newest first by their last execution (a run continued today counts as
	 * today's), never the current one; returns how many.
	 */
	int prune(long currentInstanceId) {
		List<Long> older = this.jdbc.queryForList("""
				select i.job_instance_id from batch_job_instance i
				  join batch_job_execution e on e.job_instance_id = i.job_instance_id
				 where i.job_name = ?
				 group by i.job_instance_id
				 order by max(e.create_time) desc, i.job_instance_id desc offset ? rows""", Long.class,
				CatalogImageJob.NAME, this.retention.keepRuns());
		int pruned = 0;
		for (long instanceId : older) {
			if (instanceId != currentInstanceId && finishedLongAgo(instanceId)) {
				delete(instanceId);
				pruned++;
			}
		}
		return pruned;
	}

	/**
	 * Whether the run's last execution completed or was abandoned, and every execution ended before the minimum age:
	 * a failed, stopped or still running (or killed) run stays restartable.
	 */
	private boolean finishedLongAgo(long instanceId) {
		List<String> statuses = this.jdbc.queryForList(
				"select status from batch_job_execution where job_instance_id = ? order by job_execution_id desc",
				String.class, instanceId);
		if (statuses.isEmpty()
				|| !(statuses.get(0).equals(BatchStatus.COMPLETED.name())
						|| statuses.get(0).equals(BatchStatus.ABANDONED.name()))) {
			return false;
		}
		Long unfinishedOrRecent = this.jdbc.queryForObject("""
				select count(*) from batch_job_execution where job_instance_id = ?
				   and (end_time is null or end_time >= ?)""", Long.class, instanceId, cutoff());
		return unfinishedOrRecent != null && unfinishedOrRecent == 0;
	}

	/** Spring Batch stores its times as local date-times of this JVM's zone. */
	private LocalDateTime cutoff() {
		Instant cutoff = this.clock.instant().minus(this.retention.minAge());
		return LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault());
	}

	private void delete(long instanceId) {
		while (true) {
			List<Long> items = this.jdbc.queryForList(PAGE_TO_DELETE, Long.class, instanceId);
			if (items.isEmpty()) {
				break;
			}
			String ids = String.join(",", Collections.nCopies(items.size(), "?"));
			Object[] args = items.toArray();
			this.ownTransaction.executeWithoutResult(status -> {
				this.jdbc.update("delete from generation_attempt where item_id in (" + ids + ")", args);
				this.jdbc.update("delete from generation_result where item_id in (" + ids + ")", args);
				this.jdbc.update("delete from catalog_item where id in (" + ids + ")", args);
			});
		}
		this.ownTransaction.executeWithoutResult(status -> {
			this.jdbc.update("delete from catalog_rejection where job_instance_id = ?", instanceId);
			this.jdbc.update("delete from catalog_removal where job_instance_id = ?", instanceId);
			this.jdbc.update("delete from provider_batch where job_instance_id = ?", instanceId);
			JobInstance instance = this.jobRepository.getJobInstance(instanceId);
			if (instance != null) {
				this.jobRepository.deleteJobInstance(instance);
			}
		});
	}

}
