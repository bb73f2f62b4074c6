package com.catalogimage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.storage.OutputLayout;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bench's floor: {@code concurrency} plain threads, each sending the next pending product's request through the
 * job's own image client and moving the decoded image into the output folder, with nothing else around a call (no
 * journal row, cache, quality gate, chunk or commit). What it reaches is what the HTTP stack and the disk leave on this
 * machine, measured in the same rounds as the job. The rows the bench reads (a result and a delivered call per
 * product) are written in one batch after the last call, so its figures are read like every design's.
 */
final class PlainPoolTasklet implements Tasklet {

	private static final int PAGE = 10_000;

	private final CatalogItemRepository items;

	private final ImageClient client;

	private final ProviderProperties provider;

	private final OutputLayout layout;

	private final JdbcTemplate jdbc;

	private final int concurrency;

	PlainPoolTasklet(CatalogItemRepository items, ImageClient client, ProviderProperties provider,
			OutputLayout layout, JdbcTemplate jdbc, int concurrency) {
		this.items = items;
		this.client = client;
		this.provider = provider;
		this.layout = layout;
		this.jdbc = jdbc;
		this.concurrency = concurrency;
	}

	/** One product's call as the pool made it. */
	record Call(CatalogItem item, Instant started, Instant finished, long millis, Path image) {
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution execution = contribution.getStepExecution().getJobExecution();
		ConcurrentLinkedQueue<CatalogItem> pending = new ConcurrentLinkedQueue<>(pending(execution.getJobInstanceId()));
		Files.createDirectories(this.layout.work());
		Files.createDirectories(this.layout.images());
		ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
		AtomicInteger thread = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency,
				task -> new Thread(task, "generate-pool-" + thread.incrementAndGet()));
		try {
			List<Future<?>> slots = new ArrayList<>();
			for (int i = 0; i < this.concurrency; i++) {
				slots.add(pool.submit(() -> drain(pending, calls)));
			}
			for (Future<?> slot : slots) {
				slot.get();
			}
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof Exception cause ? cause : ex;
		}
		finally {
			pool.shutdownNow();
		}
		record(execution, calls);
		contribution.incrementWriteCount(calls.size());
		return RepeatStatus.FINISHED;
	}

	private List<CatalogItem> pending(long jobInstanceId) {
		List<CatalogItem> all = new ArrayList<>();
		List<CatalogItem> page = this.items.pendingAfter(jobInstanceId, 0, PAGE);
		while (!page.isEmpty()) {
			all.addAll(page);
			page = this.items.pendingAfter(jobInstanceId, page.get(page.size() - 1).id(), PAGE);
		}
		return all;
	}

	private Void drain(ConcurrentLinkedQueue<CatalogItem> pending, ConcurrentLinkedQueue<Call> calls)
			throws Exception {
		for (CatalogItem item = pending.poll(); item != null; item = pending.poll()) {
			ImageRequest request = new ImageRequest(this.provider.model(), item.prompt(),
					ImageSize.parse(item.size()).orElseThrow(), item.aspectRatio(), List.of());
			Instant started = Instant.now();
			long start = System.nanoTime();
			GeneratedImage image = this.client.generate(request, this.layout.work());
			long millis = (System.nanoTime() - start) / 1_000_000;
			calls.add(new Call(item, started, Instant.now(), millis, place(item, image)));
		}
		return null;
	}

	private Path place(CatalogItem item, GeneratedImage image) throws IOException {
		Path target = this.layout.images().resolve(item.sku() + "." + image.format().extension());
		return Files.move(image.file(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private void record(JobExecution execution, ConcurrentLinkedQueue<Call> calls) {
		List<Object[]> attempts = new ArrayList<>();
		List<Object[]> results = new ArrayList<>();
		List<Object[]> finished = new ArrayList<>();
		for (Call call : calls) {
			Object[] ids = { call.item().id(), execution.getJobInstanceId(), execution.getId() };
			attempts.add(new Object[] { ids[0], ids[1], ids[2], this.provider.name(), this.provider.model(),
					Timestamp.from(call.started()), Timestamp.from(call.finished()) });
			results.add(new Object[] { ids[0], ids[1], ids[2], this.provider.name(), this.provider.model(),
					call.item().size(), call.item().aspectRatio(), call.millis(), call.millis(),
					this.layout.relative(call.image()), Timestamp.from(call.started()),
					Timestamp.from(call.finished()) });
			finished.add(new Object[] { ids[0] });
		}
		this.jdbc.batchUpdate("""
				insert into generation_attempt (item_id, job_instance_id, job_execution_id, provider, model, attempt,
				    started_at, finished_at, outcome, outcome_unknown, rate_limited)
				values (?, ?, ?, ?, ?, 1, ?, ?, 'DELIVERED', false, false)""", attempts);
		this.jdbc.batchUpdate("""
				insert into generation_result (item_id, job_instance_id, job_execution_id, status, provider, model,
				    image_size, aspect_ratio, attempts, attempts_unknown, http_429, rate_wait_ms, retry_wait_ms,
				    api_latency_ms, total_latency_ms, cost_basis, image_path, started_at, finished_at)
				values (?, ?, ?, 'GENERATED', ?, ?, ?, ?, 1, 0, 0, 0, 0, ?, ?, 'unknown', ?, ?, ?)""", results);
		this.jdbc.batchUpdate("update catalog_item set status = 'GENERATED' where id = ?", finished);
	}

}
