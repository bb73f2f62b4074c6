package com.catalogimage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.image.ImageSize;
import com.catalogimage.provider.GeneratedImage;
import com.catalogimage.provider.ImageClient;
import com.catalogimage.provider.ImageRequest;
import com.catalogimage.provider.ProviderProperties;
import com.catalogimage.provider.RetryableFailure;
import com.catalogimage.storage.OutputLayout;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bench's floor: {@code concurrency} plain threads, each taking the next pending product from the job's shared
 * feed, sending its request through the job's own image client and moving the decoded image into the output folder,
 * with nothing else around a call (no journal row, cache, quality gate, chunk or commit). What it reaches is what the
 * HTTP stack and the disk leave on this machine, measured in the same rounds as the job. The rows the bench reads (a
 * result and a delivered call per product) are written a thousand products at a time, so its figures are read like
 * every design's.
 */
final class PlainPoolTasklet implements Tasklet {

	private static final int BATCH = 1_000;

	private static final int ATTEMPTS = 3;

	/** The job's shared feed: the pending products in id order, a page at a time, each to one thread. */
	private final ItemReader<CatalogItem> feed;

	private final ImageClient client;

	private final ProviderProperties provider;

	private final OutputLayout layout;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final int concurrency;

	PlainPoolTasklet(ItemReader<CatalogItem> feed, ImageClient client, ProviderProperties provider,
			OutputLayout layout, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, int concurrency) {
		this.feed = feed;
		this.client = client;
		this.provider = provider;
		this.layout = layout;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.concurrency = concurrency;
	}

	/** One product's call as the pool made it: only what its rows need, so that a large catalog is not held. */
	record Call(long itemId, String size, String aspectRatio, Instant started, Instant finished, long millis,
			String image) {
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		JobExecution execution = contribution.getStepExecution().getJobExecution();
		Recorder recorder = new Recorder(execution);
		Files.createDirectories(this.layout.work());
		Files.createDirectories(this.layout.images());
		AtomicInteger thread = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(this.concurrency,
				task -> new Thread(task, "generate-pool-" + thread.incrementAndGet()));
		try {
			List<Future<?>> slots = new ArrayList<>();
			for (int i = 0; i < this.concurrency; i++) {
				slots.add(pool.submit(() -> drain(recorder)));
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
		contribution.incrementWriteCount(recorder.flush());
		return RepeatStatus.FINISHED;
	}

	private Void drain(Recorder recorder) throws Exception {
		for (CatalogItem item = this.feed.read(); item != null; item = this.feed.read()) {
			ImageRequest request = new ImageRequest(this.provider.model(), item.prompt(),
					ImageSize.parse(item.size()).orElseThrow(), item.aspectRatio(), List.of());
			Instant started = Instant.now();
			long start = System.nanoTime();
			GeneratedImage image = generate(request);
			long millis = (System.nanoTime() - start) / 1_000_000;
			Path placed = place(item, image);
			recorder.add(new Call(item.id(), item.size(), item.aspectRatio(), started, Instant.now(), millis,
					this.layout.relative(placed)));
		}
		return null;
	}

	/**
	 * The call, sent again at once when it failed in a way another attempt may cure (a connection reset by a loopback
	 * server at tens of thousands of calls a minute), as any client would; the pool has no other fault handling.
	 */
	private GeneratedImage generate(ImageRequest request) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.client.generate(request, this.layout.work());
			}
			catch (RetryableFailure failure) {
				if (attempt == ATTEMPTS) {
					throw failure;
				}
			}
		}
	}

	private Path place(CatalogItem item, GeneratedImage image) throws IOException {
		Path target = this.layout.images().resolve(item.sku() + "." + image.format().extension());
		return Files.move(image.file(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Writes a result and a delivered call per product, {@value #BATCH} products at a time, in one transaction by the
	 * pool thread that filled the batch (outside the lock, so the other threads' calls go on), so that neither the
	 * rows nor the calls pile up on the heap.
	 */
	private final class Recorder {

		private final JobExecution execution;

		private final AtomicInteger recorded = new AtomicInteger();

		private List<Call> batch = new ArrayList<>();

		Recorder(JobExecution execution) {
			this.execution = execution;
		}

		void add(Call call) {
			List<Call> full = null;
			synchronized (this) {
				this.batch.add(call);
				if (this.batch.size() >= BATCH) {
					full = this.batch;
					this.batch = new ArrayList<>();
				}
			}
			if (full != null) {
				write(full);
			}
		}

		/** Writes what is left; the products recorded in all. */
		int flush() {
			List<Call> rest;
			synchronized (this) {
				rest = this.batch;
				this.batch = new ArrayList<>();
			}
			if (!rest.isEmpty()) {
				write(rest);
			}
			return this.recorded.get();
		}

		private void write(List<Call> calls) {
			PlainPoolTasklet.this.transactions.executeWithoutResult(status -> insert(this.execution, calls));
			this.recorded.addAndGet(calls.size());
		}

	}

	private void insert(JobExecution execution, List<Call> calls) {
		List<Object[]> attempts = new ArrayList<>();
		List<Object[]> results = new ArrayList<>();
		List<Object[]> finished = new ArrayList<>();
		for (Call call : calls) {
			attempts.add(new Object[] { call.itemId(), execution.getJobInstanceId(), execution.getId(),
					this.provider.name(), this.provider.model(), Timestamp.from(call.started()),
					Timestamp.from(call.finished()) });
			results.add(new Object[] { call.itemId(), execution.getJobInstanceId(), execution.getId(),
					this.provider.name(), this.provider.model(), call.size(), call.aspectRatio(), call.millis(),
					call.millis(), call.image(), Timestamp.from(call.started()), Timestamp.from(call.finished()) });
			finished.add(new Object[] { call.itemId() });
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
