package com.catalogimage.job;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Partitions by worker slot, not by data: {@code gridSize} identical workers that all draw from the shared
 * feed of the generation package. Stable names, so a restart re-runs the same partitions. The remote manager step
 * (remote) sends the same slots to worker processes.
 */
public class WorkerSlotPartitioner implements Partitioner {

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int i = 0; i < gridSize; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt("worker.index", i);
			partitions.put("worker" + i, context);
		}
		return partitions;
	}

}
