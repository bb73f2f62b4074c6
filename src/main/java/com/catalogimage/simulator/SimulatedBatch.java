package com.catalogimage.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * One batch in a simulated provider's queue: its requests, its timeline and, as the clock passes, its results. It is
 * provider-neutral; the wires say how each phase and result looks.
 * <p>
 * Time moves only when someone looks (a poll, a list, a cancel, the stats): every line due by that instant is then
 * done, in the batch's shuffled order and evenly over its RUNNING half, each answered as the synchronous path would
 * answer it. On reaching its end the batch bills what it delivers and never changes again, so its results can be
 * streamed without a lock. Nothing but the decisions is kept: images are rendered when the results are read.
 */
final class SimulatedBatch<R> {

	enum Phase {

		PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, EXPIRED;

		boolean terminal() {
			return compareTo(SUCCEEDED) >= 0;
		}

		String event() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** What a provider returns of a batch that ends before every line is done (cancelled or expired). */
	enum Unfinished {

		/** Gemini: nothing; the batch has no output. */
		NOTHING,

		/** OpenAI: the lines it completed, and billed. */
		COMPLETED_LINES

	}

	/**
	 * When things happen, all fixed at the create.
	 *
	 * @param running when the batch leaves PENDING (never, for a stuck one)
	 * @param done when its last line is done
	 * @param expires when it expires if it has not ended
	 * @param cancelling how long an OpenAI cancel stays {@code cancelling} before {@code cancelled}
	 */
	record Timeline(Instant created, Instant running, Instant done, Instant expires, Duration cancelling) {

	}

	/** One output line: the input line it answers and how. */
	record Output<R>(int line, BatchLine<R> input, BatchLineResult result) {

	}

	/** Lines by how they were answered so far; {@code pending} is what is not done yet. */
	record Counts(int total, int succeeded, int failed, int pending) {

	}

	private final String id;

	private final String model;

	private final String displayName;

	private final @Nullable String inputFile;

	private final Map<String, String> metadata;

	private final List<BatchLine<R>> lines;

	private final @Nullable BatchFailure failure;

	private final Timeline timeline;

	private final boolean expiresEarly;

	private final Unfinished unfinished;

	private final BatchGeneration<R> generation;

	private final SimulatorStats stats;

	private final long dice;

	/** The order the lines are done and delivered in: a shuffle, as real results come out of order. */
	private final int[] order;

	private final @Nullable BatchLineResult[] results;

	private Phase phase = Phase.PENDING;

	private int done;

	private @Nullable Instant ended;

	private @Nullable Instant started;

	private @Nullable Instant cancelRequested;

	private boolean cancelIgnored;

	SimulatedBatch(String id, String model, String displayName, @Nullable String inputFile,
			Map<String, String> metadata, List<BatchLine<R>> lines, @Nullable BatchFailure failure, Timeline timeline,
			boolean expiresEarly, Unfinished unfinished, BatchGeneration<R> generation, SimulatorStats stats,
			long dice) {
		this.id = id;
		this.model = model;
		this.displayName = displayName;
		this.inputFile = inputFile;
		this.metadata = Map.copyOf(metadata);
		this.lines = List.copyOf(lines);
		this.failure = failure;
		this.timeline = timeline;
		this.expiresEarly = expiresEarly;
		this.unfinished = unfinished;
		this.generation = generation;
		this.stats = stats;
		this.dice = dice;
		this.order = shuffled(lines.size(), new SplittableRandom(dice));
		this.results = new BatchLineResult[lines.size()];
		stats.batch("created");
	}

	/** Does every line due by {@code now}, and ends the batch if its time has come. */
	synchronized void advance(Instant now) {
		if (this.phase.terminal()) {
			return;
		}
		if (this.failure != null) {
			if (!now.isBefore(this.timeline.running())) {
				end(Phase.FAILED, this.timeline.running());
			}
			return;
		}
		Instant cancelled = this.cancelRequested;
		if (cancelled != null && !this.cancelIgnored) {
			Instant at = cancelled.plus(this.timeline.cancelling());
			if (!now.isBefore(at)) {
				end(Phase.CANCELLED, at);
			}
			return;
		}
		Instant expires = this.timeline.expires();
		Instant until = now.isBefore(expires) ? now : expires;
		doLinesUntil(until);
		if (this.started == null && !until.isBefore(this.timeline.running())) {
			this.started = this.timeline.running();
		}
		Instant finished = this.timeline.done();
		if (!now.isBefore(finished) && finished.isBefore(expires)) {
			end(this.expiresEarly ? Phase.EXPIRED : Phase.SUCCEEDED, finished);
		}
		else if (!now.isBefore(expires)) {
			end(Phase.EXPIRED, expires);
		}
		else if (!now.isBefore(this.timeline.running())) {
			this.phase = Phase.RUNNING;
		}
	}

	/**
	 * A cancel arriving at {@code now}. One that loses the race ({@code race}) is accepted but the batch ends as it
	 * would have; otherwise a Gemini batch is cancelled at once, and an OpenAI one stops doing lines and stays
	 * {@code cancelling} for a while. A cancel of an ended batch changes nothing.
	 */
	synchronized void cancel(Instant now, boolean race) {
		advance(now);
		if (this.phase.terminal() || this.cancelRequested != null) {
			return;
		}
		this.cancelRequested = now;
		if (race && this.phase == Phase.RUNNING) {
			this.cancelIgnored = true;
			this.stats.fault("batch-cancel-race");
			return;
		}
		if (this.unfinished == Unfinished.NOTHING) {
			end(Phase.CANCELLED, now);
		}
	}

	private void doLinesUntil(Instant until) {
		int due = due(until);
		while (this.done < due) {
			int line = this.order[this.done];
			this.results[line] = this.generation.decide(this.lines.get(line), lineDice(line));
			this.done++;
		}
	}

	/** Lines due by an instant: none before RUNNING, then evenly until done (half as many for a batch set to expire). */
	private int due(Instant until) {
		Instant running = this.timeline.running();
		if (until.isBefore(running)) {
			return 0;
		}
		long span = Duration.between(running, this.timeline.done()).toNanos();
		double share = span <= 0 ? 1 : Math.min(1, (double) Duration.between(running, until).toNanos() / span);
		if (this.expiresEarly) {
			share /= 2;
		}
		return (int) Math.floor(share * this.lines.size());
	}

	private void end(Phase phase, Instant at) {
		this.phase = phase;
		this.ended = at;
		if (phase == Phase.SUCCEEDED || (phase != Phase.FAILED && this.unfinished == Unfinished.COMPLETED_LINES)) {
			for (Output<R> output : outputs()) {
				if (output.result().delivered()) {
					this.stats.batchGenerated(output.input().prompt());
				}
			}
		}
		this.stats.batch(phase.event());
	}

	/**
	 * The output lines in the order the provider returns them: the done lines in their shuffled order, then the
	 * second outputs of duplicated keys in the same order, turned so that a second output never sits right after its
	 * first (a client must match by key, not by neighbour). Empty until the batch has ended; for a Gemini batch, until
	 * it has succeeded.
	 */
	synchronized List<Output<R>> outputs() {
		if (!this.phase.terminal()
				|| (this.phase != Phase.SUCCEEDED && this.unfinished == Unfinished.NOTHING)) {
			return List.of();
		}
		List<Output<R>> outputs = new ArrayList<>(this.done);
		List<Output<R>> seconds = new ArrayList<>();
		for (int i = 0; i < this.done; i++) {
			Output<R> output = output(this.order[i]);
			outputs.add(output);
			if (output.result().duplicated()) {
				seconds.add(output);
			}
		}
		if (!seconds.isEmpty() && seconds.get(0).line() == outputs.get(outputs.size() - 1).line()) {
			if (seconds.size() > 1) {
				seconds.add(seconds.remove(0));
			}
			else if (outputs.size() > 1) {
				outputs.add(0, seconds.remove(0));
			}
		}
		outputs.addAll(seconds);
		return outputs;
	}

	/** The lines an ended OpenAI batch never did (expired or cancelled before their turn), in input order. */
	synchronized List<BatchLine<R>> notDone() {
		if (!this.phase.terminal() || this.phase == Phase.SUCCEEDED || this.failure != null) {
			return List.of();
		}
		List<BatchLine<R>> left = new ArrayList<>();
		for (int line = 0; line < this.lines.size(); line++) {
			if (this.results[line] == null) {
				left.add(this.lines.get(line));
			}
		}
		return left;
	}

	synchronized Counts counts() {
		int succeeded = 0;
		int failed = 0;
		for (int i = 0; i < this.done; i++) {
			BatchLineResult result = this.results[this.order[i]];
			if (result != null && result.status() == 200) {
				succeeded++;
			}
			else {
				failed++;
			}
		}
		return new Counts(this.lines.size(), succeeded, failed, this.lines.size() - this.done);
	}

	private Output<R> output(int line) {
		BatchLineResult result = this.results[line];
		if (result == null) {
			throw new IllegalStateException("line " + line + " of " + this.id + " was not done");
		}
		return new Output<>(line, this.lines.get(line), result);
	}

	synchronized Phase phase() {
		return this.phase;
	}

	synchronized @Nullable Instant ended() {
		return this.ended;
	}

	/** When it left PENDING; null if it never did (stuck, failed, or cancelled before). */
	synchronized @Nullable Instant started() {
		return this.started;
	}

	synchronized @Nullable Instant cancelRequested() {
		return this.cancelRequested;
	}

	String id() {
		return this.id;
	}

	String model() {
		return this.model;
	}

	String displayName() {
		return this.displayName;
	}

	@Nullable String inputFile() {
		return this.inputFile;
	}

	Map<String, String> metadata() {
		return this.metadata;
	}

	@Nullable BatchFailure failure() {
		return this.failure;
	}

	Timeline timeline() {
		return this.timeline;
	}

	int size() {
		return this.lines.size();
	}

	BatchGeneration<R> generation() {
		return this.generation;
	}

	private SplittableRandom lineDice(int line) {
		return new SplittableRandom(this.dice * 1_000_003L + line * 7_919L + 17);
	}

	private static int[] shuffled(int size, SplittableRandom random) {
		int[] order = new int[size];
		for (int i = 0; i < size; i++) {
			order[i] = i;
		}
		for (int i = size - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

}
