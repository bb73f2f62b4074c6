package com.catalogimage.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Answers the lines of a batch with the synchronous path's own code ({@link WireHandler}), so a product gets the same
 * picture, token usage, validation and faults either way: a line is decided like a request (validation, the fault
 * dice of its prompt, then the batch's partial failures, the block word, a missing image, the blank word) and its
 * image is written by the same {@code writeSuccess}. What has no meaning for one line of a batch is left out: the
 * key (checked on the batch), the request quotas (batches have their own), the latency, and the transport faults
 * (a malformed or truncated body, a held connection), which answer as if they had not been drawn.
 */
final class BatchGeneration<R> {

	private final WireHandler<R> wire;

	private final SimulatorFaults faults;

	private final SimulatedBatchFaults batchFaults;

	private final SimulatorStats stats;

	private final SimulatorProperties properties;

	BatchGeneration(WireHandler<R> wire, SimulatorFaults faults, SimulatedBatchFaults batchFaults,
			SimulatorStats stats, SimulatorProperties properties) {
		this.wire = wire;
		this.faults = faults;
		this.batchFaults = batchFaults;
		this.stats = stats;
		this.properties = properties;
	}

	/** Does one line: counted as a batch request of its prompt, answered as the sync path would answer it. */
	BatchLineResult decide(BatchLine<R> line, SplittableRandom dice) {
		// both drawn for every line, so one line's outcome never shifts another's dice
		double partialRoll = dice.nextDouble();
		double duplicateRoll = dice.nextDouble();
		String prompt = line.prompt();
		this.stats.batchRequested(prompt);
		R request = line.request();
		if (request == null) {
			return BatchLineResult.answered(unreadable(line));
		}
		Reply invalid = this.wire.validate(request);
		if (invalid != null) {
			return BatchLineResult.answered(invalid);
		}
		SimulatorFaults.Fault fault = this.faults.draw(prompt, this.stats.batchRequestsFor(prompt));
		@Nullable Reply failed = switch (fault) {
			case RATE_LIMITED -> fault("batch-429",
					this.wire.rateLimited(request, this.properties.scaled(this.faults.retryDelay())));
			case INTERNAL -> fault("batch-500", this.wire.internalError());
			case OVERLOADED -> fault("batch-503", this.wire.overloaded());
			case TIMEOUT -> fault("batch-timeout", this.wire.deadlineExceeded());
			default -> null;
		};
		if (failed != null) {
			return BatchLineResult.answered(failed);
		}
		if (partialRoll < this.batchFaults.partialFailure()) {
			return BatchLineResult.answered(fault("batch-partial-failure", this.wire.internalError()));
		}
		if (this.faults.blocks(prompt)) {
			return BatchLineResult.answered(fault("batch-blocked", this.wire.blocked(request, prompt)));
		}
		if (fault == SimulatorFaults.Fault.NO_IMAGE) {
			return BatchLineResult.answered(fault("batch-no-image", this.wire.noImage(request, prompt)));
		}
		boolean blank = this.faults.blanks(prompt);
		if (blank) {
			this.stats.fault("batch-blank");
		}
		boolean duplicated = duplicateRoll < this.batchFaults.duplicates();
		if (duplicated) {
			this.stats.fault("batch-duplicate");
		}
		return BatchLineResult.image(blank, duplicated);
	}

	/**
	 * Writes the answer of a decided line: the image answer rendered now by the sync path's writer (nothing of it is
	 * kept), or the reply's body.
	 */
	void writeAnswer(OutputStream out, BatchLine<R> line, BatchLineResult result) throws IOException {
		Reply reply = result.reply();
		R request = line.request();
		if (reply != null || request == null) {
			out.write((reply == null ? unreadable(line) : reply).body().getBytes(StandardCharsets.UTF_8));
			return;
		}
		this.wire.writeSuccess(new KeepOpen(out), request, line.prompt(), result.blank());
	}

	private Reply unreadable(BatchLine<R> line) {
		Reply reply = line.unreadable();
		return reply != null ? reply : this.wire.invalidJson(null);
	}

	private Reply fault(String kind, Reply reply) {
		this.stats.fault(kind);
		return reply;
	}

	/** Lets a writer close its JSON generator without closing the stream the next line goes to. */
	private static final class KeepOpen extends FilterOutputStream {

		KeepOpen(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
		}

		@Override
		public void close() throws IOException {
			this.out.flush();
		}

	}

}
