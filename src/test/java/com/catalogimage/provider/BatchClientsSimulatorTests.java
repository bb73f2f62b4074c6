package com.catalogimage.provider;

import com.catalogimage.image.ImageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.catalogimage.provider.gemini.GeminiBatchClient;
import com.catalogimage.provider.openai.OpenAiBatchClient;
import com.catalogimage.simulator.ClockedSimulators;
import com.catalogimage.simulator.ManualClock;
import com.catalogimage.simulator.SimulatorProperties;
import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Clients;
import com.catalogimage.support.Simulators;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Both batch clients against the built-in simulator's Batch APIs, end to end, as the batch job will drive them:
 * capability, input, upload, create with a display name, finding the batch by that name (crash recovery), polling to
 * the end, and the results streamed and matched by key, with each fault the providers are known for (out of order,
 * duplicate outputs, failed lines, expiry, cancel, a cancel that loses the race, inline answers, a full queue).
 * Batches move on a hand-driven clock, so every state is reached without waiting; "billed" is what the simulator
 * counts as billed for each prompt.
 */
class BatchClientsSimulatorTests {

	private static final String KEY = "sim-key-0123456789";

	/** How long a simulated batch takes from create to results; PENDING for the first half, RUNNING for the second. */
	private static final Duration DELAY = Duration.ofMinutes(10);

	@TempDir
	Path work;

	private final ManualClock clock = new ManualClock();

	@AutoClose
	private SimulatorServer simulator;

	private SimulatorProperties properties;

	private Wire wire;

	private BatchImageClient client;

	/** The synchronous path's image per prompt, asked for once. */
	private final Map<String, String> syncImages = new HashMap<>();

	/** The two wire formats, with the model each batches and the clients the application builds for it. */
	enum Wire {

		GEMINI("gemini", "gemini-3.1-flash-image-preview"), OPENAI("openai", "gpt-image-1");

		final String name;

		final String model;

		Wire(String name, String model) {
			this.name = name;
			this.model = model;
		}

		BatchImageClient batchClient(String baseUrl) {
			ProviderProperties properties = Clients.properties(this.name, DataSize.ofMegabytes(64));
			return this == GEMINI
					? new GeminiBatchClient(Clients.http(properties), baseUrl, () -> KEY, properties,
							Clients.redactor(KEY))
					: new OpenAiBatchClient(Clients.http(properties), baseUrl, () -> KEY, properties,
							Clients.redactor(KEY));
		}

		ImageClient imageClient(String baseUrl) {
			return this == GEMINI ? Clients.gemini(baseUrl, KEY) : Clients.openai(baseUrl, KEY);
		}

	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void aBatchGoesFromItemsToImagesMatchedByKeyNotByOrderAndEachBilledOnce(Wire wire) {
		// given
		start(wire);
		submit("run-6-shard-1", items(8, "other"));
		List<BatchItem> items = items(8, "product");
		// when
		BatchStatus created = submit("run-7-shard-1", items);
		List<BatchStatus> found = this.client.findByDisplayName("run-7-shard-1");
		List<BatchState> seen = pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus done = this.client.get(created.id());
		List<Read> lines = readAll(done);
		// then
		assertThat(created.state()).isEqualTo(BatchState.PENDING);
		assertThat(created.displayName()).isEqualTo("run-7-shard-1");
		assertThat(created.createTime()).isNotNull();
		assertThat(created.results()).isEmpty();
		assertThat(found).as("the batch a crash after create left unrecorded is found by its name alone")
			.extracting(BatchStatus::id)
			.containsExactly(created.id());
		assertThat(seen).startsWith(BatchState.PENDING).contains(BatchState.RUNNING).endsWith(BatchState.SUCCEEDED);
		assertThat(done.counts()).isEqualTo(new BatchCounts(8, 8, 0, 0));
		assertThat(done.results()).extracting(ResultSource::kind).containsExactly(ResultSource.Kind.FILE);
		assertThat(lines).extracting(Read::key).as("results come out of order")
			.containsExactlyInAnyOrderElementsOf(keys(items))
			.isNotEqualTo(keys(items));
		assertThat(lines).allSatisfy(line -> assertThat(line.sha256()).as(line.key())
			.isEqualTo(syncImageOf(items, line.key())));
		assertThat(billedPerKey(items)).allSatisfy((key, billed) -> assertThat(billed).as(key).isOne());
	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void duplicateOutputsForAKeyAreEachDeliveredAtTheirOwnIndexAsEachWasBilled(Wire wire) {
		// given
		start(wire, "batch.duplicates", "0.5");
		List<BatchItem> items = items(8, "product");
		BatchStatus created = submit("duplicates", items);
		pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		ResultSource source = this.client.get(created.id()).results().get(0);
		// when
		List<Read> lines = read(source, 0);
		List<Read> resumed = read(source, lines.size() - 3);
		// then
		Map<String, Long> delivered = lines.stream()
			.filter(line -> line.sha256() != null)
			.collect(Collectors.groupingBy(Read::key, Collectors.counting()));
		assertThat(delivered).as("a line per billed output, so the report can count each")
			.isEqualTo(billedPerKey(items));
		assertThat(delivered.values()).contains(1L, 2L);
		assertThat(lines).extracting(Read::index).doesNotHaveDuplicates();
		assertThat(lines).allSatisfy(line -> assertThat(line.sha256()).isEqualTo(syncImageOf(items, line.key())));
		assertThat(resumed).as("reading again from an index gives the same lines at the same indexes")
			.isEqualTo(lines.subList(lines.size() - 3, lines.size()));
	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void aLineThatFailedComesWithItsReasonAndIsNotBilled(Wire wire) {
		// given
		start(wire, "batch.partial-failure", "0.5");
		List<BatchItem> items = items(8, "product");
		BatchStatus created = submit("partial", items);
		// when
		pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus done = this.client.get(created.id());
		List<Read> lines = readAll(done);
		// then
		List<Read> failed = lines.stream().filter(line -> line.failure() != null).toList();
		List<Read> delivered = lines.stream().filter(line -> line.sha256() != null).toList();
		assertThat(done.state()).isEqualTo(BatchState.SUCCEEDED);
		assertThat(done.results()).extracting(ResultSource::kind)
			.containsExactlyElementsOf(wire == Wire.GEMINI ? List.of(ResultSource.Kind.FILE)
					: List.of(ResultSource.Kind.FILE, ResultSource.Kind.ERROR_FILE));
		assertThat(lines).extracting(Read::key).containsExactlyInAnyOrderElementsOf(keys(items));
		assertThat(failed).isNotEmpty().allSatisfy(line -> {
			assertThat(line.failure()).as("an internal error on the provider's side: worth another try")
				.isInstanceOf(RetryableFailure.class);
			assertThat(line.failure().status()).contains("500");
			assertThat(billedFor(items, line.key())).isZero();
		});
		assertThat(delivered).isNotEmpty().allSatisfy(line -> assertThat(billedFor(items, line.key())).isOne());
		assertThat(done.counts()).isEqualTo(new BatchCounts(8, delivered.size(), failed.size(), 0));
	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void aPendingBatchCancelledEndsWithNothingBilledAndCancellingItAgainIsNoFailure(Wire wire) {
		// given
		start(wire, "batch.stuck", "1");
		List<BatchItem> items = items(4, "product");
		BatchStatus created = submit("stuck", items);
		pass(DELAY.multipliedBy(3));
		assertThat(this.client.get(created.id()).state()).isEqualTo(BatchState.PENDING);
		// when
		BatchStatus cancelling = this.client.cancel(created.id());
		List<BatchState> seen = pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus cancelledAgain = this.client.cancel(created.id());
		List<Read> lines = readAll(this.client.get(created.id()));
		// then
		assertThat(cancelling.state()).isIn(BatchState.CANCELLING, BatchState.CANCELLED);
		assertThat(seen).endsWith(BatchState.CANCELLED);
		assertThat(cancelledAgain.state()).isEqualTo(BatchState.CANCELLED);
		if (wire == Wire.GEMINI) {
			assertThat(lines).as("a cancelled Gemini batch has no output at all").isEmpty();
		}
		else {
			assertThat(lines).as("an OpenAI batch lists what it never did in its error file")
				.extracting(Read::key)
				.containsExactlyInAnyOrderElementsOf(keys(items));
			assertThat(lines).extracting(line -> line.failure().status()).containsOnly("batch_cancelled");
		}
		assertThat(this.simulator.stats().batchGenerations()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void aCancelThatLosesTheRaceEndsInSuccessWithEveryImage(Wire wire) {
		// given
		start(wire, "batch.cancel-race", "1");
		List<BatchItem> items = items(6, "product");
		BatchStatus created = submit("race", items);
		pass(DELAY.multipliedBy(3).dividedBy(4));
		// when
		BatchStatus cancelling = this.client.cancel(created.id());
		List<BatchState> seen = pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		List<Read> lines = readAll(this.client.get(created.id()));
		// then
		assertThat(cancelling.state().terminal()).isFalse();
		assertThat(seen).endsWith(BatchState.SUCCEEDED);
		assertThat(lines).extracting(Read::key).containsExactlyInAnyOrderElementsOf(keys(items));
		assertThat(lines).allSatisfy(line -> assertThat(line.sha256()).isEqualTo(syncImageOf(items, line.key())));
		assertThat(billedPerKey(items)).allSatisfy((key, billed) -> assertThat(billed).as(key).isOne());
	}

	@Test
	void aGeminiBatchCancelledWhileRunningEndsAtOnceWithNoResults() {
		// given
		start(Wire.GEMINI);
		List<BatchItem> items = items(8, "product");
		BatchStatus created = submit("cancel", items);
		pass(DELAY.multipliedBy(3).dividedBy(4));
		assertThat(this.client.get(created.id()).counts().pending()).isBetween(1L, 7L);
		// when
		BatchStatus cancelled = this.client.cancel(created.id());
		pass(DELAY);
		BatchStatus later = this.client.get(created.id());
		// then
		assertThat(cancelled.state()).isEqualTo(BatchState.CANCELLED);
		assertThat(later.state()).isEqualTo(BatchState.CANCELLED);
		assertThat(later.results()).isEmpty();
		assertThat(this.simulator.stats().batchGenerations()).isZero();
	}

	@Test
	void anOpenAiBatchCancelledWhileRunningKeepsAndBillsWhatItFinished() {
		// given
		start(Wire.OPENAI);
		List<BatchItem> items = items(8, "product");
		BatchStatus created = submit("cancel", items);
		pass(DELAY.multipliedBy(3).dividedBy(4));
		// when
		BatchStatus cancelling = this.client.cancel(created.id());
		List<BatchState> seen = pollToEnd(created.id(), Duration.ofSeconds(10), 60);
		BatchStatus cancelled = this.client.get(created.id());
		List<Read> lines = readAll(cancelled);
		// then
		List<Read> delivered = lines.stream().filter(line -> line.sha256() != null).toList();
		List<Read> notDone = lines.stream().filter(line -> line.failure() != null).toList();
		assertThat(cancelling.state()).isEqualTo(BatchState.CANCELLING);
		assertThat(seen).endsWith(BatchState.CANCELLED);
		assertThat(cancelled.results()).extracting(ResultSource::kind)
			.containsExactly(ResultSource.Kind.FILE, ResultSource.Kind.ERROR_FILE);
		assertThat(lines).extracting(Read::key).containsExactlyInAnyOrderElementsOf(keys(items));
		assertThat(delivered).hasSizeBetween(1, 7)
			.allSatisfy(line -> assertThat(line.sha256()).isEqualTo(syncImageOf(items, line.key())))
			.allSatisfy(line -> assertThat(billedFor(items, line.key())).isOne());
		assertThat(notDone).allSatisfy(line -> {
			assertThat(line.failure()).isInstanceOf(RetryableFailure.class);
			assertThat(line.failure().status()).isEqualTo("batch_cancelled");
			assertThat(billedFor(items, line.key())).isZero();
		});
	}

	@Test
	void anExpiredGeminiBatchReturnsNothingWhetherItRanOutOfTimeOrNeverStarted() {
		// given: the faults a batch meets are drawn at its create
		start(Wire.GEMINI, "batch.expire", "1");
		List<BatchItem> items = items(4, "product");
		BatchStatus halfDone = submit("expires", items);
		this.simulator.batchFaults().setExpire(0);
		this.simulator.batchFaults().setStuck(1);
		BatchStatus stuck = submit("stuck", items(4, "other"));
		// when
		List<BatchState> first = pollToEnd(halfDone.id(), Duration.ofMinutes(1), 20);
		List<BatchState> second = pollToEnd(stuck.id(), Duration.ofHours(1), 50);
		// then
		for (BatchStatus batch : List.of(this.client.get(halfDone.id()), this.client.get(stuck.id()))) {
			assertThat(batch.state()).isEqualTo(BatchState.EXPIRED);
			assertThat(batch.results()).isEmpty();
			assertThat(batch.error()).contains("expired");
		}
		assertThat(first).contains(BatchState.RUNNING);
		assertThat(second).doesNotContain(BatchState.RUNNING);
		assertThat(this.simulator.stats().batchGenerations()).isZero();
	}

	@Test
	void anExpiredOpenAiBatchReturnsAndBillsTheLinesItFinished() {
		// given
		start(Wire.OPENAI, "batch.expire", "1");
		List<BatchItem> items = items(8, "product");
		BatchStatus halfDone = submit("expires", items);
		this.simulator.batchFaults().setExpire(0);
		this.simulator.batchFaults().setStuck(1);
		List<BatchItem> others = items(4, "other");
		BatchStatus stuck = submit("stuck", others);
		// when
		pollToEnd(halfDone.id(), Duration.ofMinutes(1), 20);
		pollToEnd(stuck.id(), Duration.ofHours(1), 30);
		List<Read> halfDoneLines = readAll(this.client.get(halfDone.id()));
		List<Read> stuckLines = readAll(this.client.get(stuck.id()));
		// then
		assertThat(this.client.get(halfDone.id()).state()).isEqualTo(BatchState.EXPIRED);
		assertThat(halfDoneLines).extracting(Read::key).containsExactlyInAnyOrderElementsOf(keys(items));
		assertThat(halfDoneLines).filteredOn(line -> line.sha256() != null)
			.hasSize(4)
			.allSatisfy(line -> assertThat(billedFor(items, line.key())).isOne());
		assertThat(halfDoneLines).filteredOn(line -> line.failure() != null)
			.hasSize(4)
			.allSatisfy(line -> assertThat(line.failure().status()).isEqualTo("batch_expired"))
			.allSatisfy(line -> assertThat(billedFor(items, line.key())).isZero());
		assertThat(this.client.get(stuck.id()).state()).isEqualTo(BatchState.EXPIRED);
		assertThat(this.client.get(stuck.id()).results()).extracting(ResultSource::kind)
			.containsExactly(ResultSource.Kind.ERROR_FILE);
		assertThat(stuckLines).extracting(Read::key).containsExactlyInAnyOrderElementsOf(keys(others));
		assertThat(stuckLines).extracting(line -> line.failure().status()).containsOnly("batch_expired");
	}

	@Test
	void aSmallGeminiFileBatchAnsweredInlineIsReadFromTheBatchAndMatchedByItsMetadataKey() {
		// given
		start(Wire.GEMINI, "batch.inline-below", "100", "batch.duplicates", "0.5");
		List<BatchItem> items = items(6, "product");
		BatchStatus created = submit("inline", items);
		// when
		pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus done = this.client.get(created.id());
		List<Read> lines = readAll(done);
		// then
		assertThat(done.results()).containsExactly(new ResultSource(ResultSource.Kind.INLINE, created.id()));
		assertThat(lines).extracting(Read::key).containsAll(keys(items)).doesNotContainNull();
		assertThat(lines).allSatisfy(line -> assertThat(line.sha256()).isEqualTo(syncImageOf(items, line.key())));
		assertThat(lines.stream().collect(Collectors.groupingBy(Read::key, Collectors.counting())))
			.isEqualTo(billedPerKey(items));
	}

	@Test
	void geminiBatchSupportIsWhatTheModelResourceListsAndAnUnsupportedCreateMakesNoBatch() {
		// given
		start(Wire.GEMINI, "batch.unsupported-models", "gemini-2.5-flash-image");
		BatchInput input = this.client.writeInput(List.of(new BatchItem("sku-1",
				new ImageRequest("gemini-2.5-flash-image", "a mug", ImageSize.K1, "1:1"))), this.work);
		String file = this.client.upload(input, "unsupported");
		// when
		BatchSupport supported = this.client.support(Wire.GEMINI.model);
		BatchSupport unsupported = this.client.support("gemini-2.5-flash-image");
		BatchSupport unknown = this.client.support("gemini-0-no-such-model");
		SystemicFailure refused = catchThrowableOfType(SystemicFailure.class,
				() -> this.client.create("gemini-2.5-flash-image", file, "unsupported"));
		// then
		assertThat(supported).isEqualTo(BatchSupport.yes());
		assertThat(unsupported.supported()).isFalse();
		assertThat(unsupported.reason()).contains("gemini-2.5-flash-image", "batchGenerateContent");
		assertThat(unknown.supported()).isFalse();
		assertThat(refused.status()).startsWith("404");
		assertThat(this.client.findByDisplayName("unsupported")).isEmpty();
	}

	@Test
	void openAiBatchSupportIsTheAnnouncedModelsAndAModelTheApiRefusesFailsItsBatchWithTheReason() {
		// given
		start(Wire.OPENAI, "batch.unsupported-models", "gpt-image-1-mini");
		List<BatchItem> items = List.of(new BatchItem("sku-1",
				new ImageRequest("gpt-image-1-mini", "a mug", ImageSize.K1, "1:1")));
		// when
		BatchSupport supported = this.client.support("gpt-image-1");
		BatchSupport unsupported = this.client.support("dall-e-3");
		BatchStatus created = submit("refused", items);
		pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus failed = this.client.get(created.id());
		// then
		assertThat(supported).isEqualTo(BatchSupport.yes());
		assertThat(unsupported.supported()).isFalse();
		assertThat(unsupported.reason()).contains("dall-e-3");
		assertThat(failed.state()).isEqualTo(BatchState.FAILED);
		assertThat(failed.error()).startsWith("model_not_supported: ");
		assertThat(failed.results()).isEmpty();
	}

	@Test
	void aFullGeminiQueueRefusesTheCreateWithA429ToWaitOnAndTheRetryLaterSucceeds() {
		// given
		start(Wire.GEMINI, "batch.max-concurrent", "1");
		BatchStatus first = submit("first", items(2, "product"));
		BatchInput input = this.client.writeInput(items(2, "other"), this.work);
		String file = this.client.upload(input, "second");
		// when
		RetryableFailure full = catchThrowableOfType(RetryableFailure.class,
				() -> this.client.create(Wire.GEMINI.model, file, "second"));
		List<BatchStatus> afterRefusal = this.client.findByDisplayName("second");
		pollToEnd(first.id(), Duration.ofMinutes(1), 20);
		this.simulator.batchFaults().setQuota(1);
		RetryableFailure overQuota = catchThrowableOfType(RetryableFailure.class,
				() -> this.client.create(Wire.GEMINI.model, file, "second"));
		this.simulator.batchFaults().setQuota(0);
		BatchStatus retried = this.client.create(Wire.GEMINI.model, file, "second");
		// then
		for (RetryableFailure refusal : List.of(full, overQuota)) {
			assertThat(refusal.rateLimited()).isTrue();
			assertThat(refusal.outcomeUnknown()).as("a 429 created nothing").isFalse();
			assertThat(refusal.retryAfter()).isNotNull();
		}
		assertThat(afterRefusal).isEmpty();
		assertThat(retried.state()).isEqualTo(BatchState.PENDING);
		assertThat(this.client.findByDisplayName("second")).extracting(BatchStatus::id).containsExactly(retried.id());
	}

	@Test
	void anOpenAiBatchOverTheEnqueuedTokenQuotaFailsWithThatReason() {
		// given
		start(Wire.OPENAI, "batch.quota", "1");
		BatchStatus created = submit("over-quota", items(2, "product"));
		// when
		pollToEnd(created.id(), Duration.ofMinutes(1), 20);
		BatchStatus failed = this.client.get(created.id());
		// then
		assertThat(failed.state()).isEqualTo(BatchState.FAILED);
		assertThat(failed.error()).startsWith("token_limit_exceeded: ");
		assertThat(failed.results()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Wire.class)
	void findingByDisplayNamePagesThroughTheWholeListingAndReturnsEveryBatchOfThatName(Wire wire) {
		// given: the oldest batches are listed last, past the first page of 100
		start(wire, "batch.max-concurrent", "200");
		BatchInput input = this.client.writeInput(items(1, "product"), this.work);
		String file = this.client.upload(input, "shared");
		BatchStatus target = this.client.create(wire.model, file, "run-9-shard-3");
		BatchStatus twice = this.client.create(wire.model, file, "run-9-shard-3");
		for (int i = 0; i < 105; i++) {
			this.client.create(wire.model, file, "filler-" + i);
		}
		// when
		List<BatchStatus> found = this.client.findByDisplayName("run-9-shard-3");
		// then
		assertThat(found).extracting(BatchStatus::id).containsExactlyInAnyOrder(target.id(), twice.id());
		assertThat(this.client.findByDisplayName("run-9-shard-4")).isEmpty();
	}

	private void start(Wire wire, String... settings) {
		List<String> all = new ArrayList<>(List.of("wire", wire.name, "api-key", KEY, "batch.delay", DELAY.toString()));
		all.addAll(List.of(settings));
		this.properties = Simulators.properties(all.toArray(String[]::new));
		this.simulator = ClockedSimulators.start(this.properties, this.clock);
		this.wire = wire;
		this.client = wire.batchClient(this.simulator.baseUrl());
		try {
			Files.createDirectories(this.work.resolve("results"));
			Files.createDirectories(this.work.resolve("sync"));
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/** Moves the simulator's clock by a simulated duration. */
	private void pass(Duration simulated) {
		this.clock.advance(this.properties.scaled(simulated));
	}

	/** What the job does: input file, upload, create under the display name; the input is checked on the way. */
	private BatchStatus submit(String displayName, List<BatchItem> items) {
		BatchInput input = this.client.writeInput(items, this.work);
		assertThat(input.keys()).isEqualTo(keys(items));
		assertThat(input.rejected()).isEmpty();
		assertThat(input.deferred()).isEmpty();
		String file = this.client.upload(input, displayName);
		return this.client.create(input.model(), file, displayName);
	}

	/**
	 * Polls the batch, moving the clock by {@code step} between polls, until it has ended and (when it succeeded) its
	 * results are there; returns the states seen.
	 */
	private List<BatchState> pollToEnd(String id, Duration step, int maxPolls) {
		List<BatchState> seen = new ArrayList<>();
		for (int poll = 0; poll < maxPolls; poll++) {
			BatchStatus now = this.client.get(id);
			if (seen.isEmpty() || seen.get(seen.size() - 1) != now.state()) {
				seen.add(now.state());
			}
			if (now.state().terminal() && (now.state() != BatchState.SUCCEEDED || !now.results().isEmpty())) {
				return seen;
			}
			pass(step);
		}
		throw new AssertionError("batch " + id + " did not end within " + maxPolls + " polls: " + seen);
	}

	/** One result line as the handler saw it: the image's hash while its file existed, or the failure. */
	record Read(ResultSource.Kind source, long index, @Nullable String key, @Nullable String sha256,
			@Nullable ProviderFailure failure) {
	}

	private List<Read> readAll(BatchStatus status) {
		return status.results().stream().flatMap(source -> read(source, 0).stream()).toList();
	}

	/**
	 * Streams one source. Each delivered image must be a complete file when handed over (its bytes hash to what the
	 * line says) and the previous one must be gone: the stream never piles images up on disk.
	 */
	private List<Read> read(ResultSource source, long fromIndex) {
		List<Read> lines = new ArrayList<>();
		List<Path> handedOver = new ArrayList<>();
		Path results = this.work.resolve("results");
		this.client.readResults(source, fromIndex, results, line -> {
			handedOver.forEach(previous -> assertThat(previous).doesNotExist());
			if (line.outcome() instanceof BatchOutcome.Delivered delivered) {
				GeneratedImage image = delivered.image();
				assertThat(image.file()).startsWith(results);
				assertThat(sha256(image.file())).isEqualTo(image.sha256());
				handedOver.add(image.file());
				lines.add(new Read(source.kind(), line.index(), line.key(), image.sha256(), null));
			}
			else {
				lines.add(new Read(source.kind(), line.index(), line.key(), null,
						((BatchOutcome.Failed) line.outcome()).failure()));
			}
		});
		handedOver.forEach(previous -> assertThat(previous).doesNotExist());
		return lines;
	}

	/** The image a synchronous call gets for the same request: the simulator draws the same picture either way. */
	private String syncImageOf(List<BatchItem> items, @Nullable String key) {
		BatchItem item = items.stream().filter(candidate -> candidate.key().equals(key)).findFirst().orElseThrow();
		return this.syncImages.computeIfAbsent(item.request().prompt(), prompt -> {
			GeneratedImage image = this.wire.imageClient(this.simulator.baseUrl())
				.generate(item.request(), this.work.resolve("sync"));
			return image.sha256();
		});
	}

	/** How many images the simulator billed through its Batch API for each item's prompt, by key. */
	private Map<String, Long> billedPerKey(List<BatchItem> items) {
		return items.stream()
			.collect(Collectors.toMap(BatchItem::key,
					item -> (long) this.simulator.stats().batchGenerationsFor(item.request().prompt())));
	}

	private int billedFor(List<BatchItem> items, @Nullable String key) {
		return items.stream()
			.filter(item -> item.key().equals(key))
			.mapToInt(item -> this.simulator.stats().batchGenerationsFor(item.request().prompt()))
			.sum();
	}

	/** {@code count} items keyed {@code <prefix>-<i>}, each with its own prompt (the simulator bills by prompt). */
	private List<BatchItem> items(int count, String prefix) {
		List<BatchItem> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new BatchItem(prefix + "-" + i,
					new ImageRequest(this.wire.model, prefix + " studio photo number " + i, ImageSize.K1, "1:1")));
		}
		return items;
	}

	private static List<String> keys(List<BatchItem> items) {
		return items.stream().map(BatchItem::key).toList();
	}

	private static String sha256(Path file) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new AssertionError(ex);
		}
	}

}
