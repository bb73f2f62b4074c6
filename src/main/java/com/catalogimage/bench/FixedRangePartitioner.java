package com.catalogimage.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits the instance's pending products into {@code gridSize} contiguous id ranges of (nearly) equal size, the way a
 * data-partitioned step usually does. Learns the job instance from the manager step, which runs its listeners before
 * it splits.
 */
final class FixedRangePartitioner implements Partitioner, StepExecutionListener {

	static final String FIRST_ID = "range.firstId";

	static final String LAST_ID = "range.lastId";

	static final String COUNT = "range.count";

	private final JdbcTemplate jdbc;

	private volatile long jobInstanceId = -1;

	FixedRangePartitioner(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<Long> ids = this.jdbc.queryForList(
				"select id from catalog_item where job_instance_id = ? and status = 'PENDING' order by id", Long.class,
				this.jobInstanceId);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		int ranges = Math.max(1, Math.min(gridSize, ids.size()));
		for (int i = 0; i < ranges; i++) {
			int from = (int) ((long) ids.size() * i / ranges);
			int to = (int) ((long) ids.size() * (i + 1) / ranges);
			ExecutionContext context = new ExecutionContext();
			context.putLong(FIRST_ID, ids.isEmpty() ? 0 : ids.get(from));
			context.putLong(LAST_ID, ids.isEmpty() ? -1 : ids.get(to - 1));
			context.putInt(COUNT, to - from);
			partitions.put("range" + i, context);
		}
		return partitions;
	}

}
