package com.catalogimage.ops;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The flags of {@code simulate}: each sets a property of the simulator (its default is the record's). */
@Command(name = Commands.SIMULATE,
		description = "serve the provider simulator (Gemini and OpenAI wire formats) on 127.0.0.1 until stopped")
final class SimulateFlags extends Commands.ProfiledFlags {

	@Option(names = "--port", paramLabel = "PORT", converter = FlagValues.Port.class,
			description = "port on 127.0.0.1 (0 picks a free one)")
	@Property("imagebatch.simulator.port")
	@Nullable Integer port;

	@Option(names = "--server-rpm", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "requests per sliding minute before 429, in real time (0 = no limit)")
	@Property("imagebatch.simulator.server-rpm")
	@Nullable Integer serverRpm;

	@Option(names = "--rpd", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "requests in all before the daily-quota 429 (0 = no limit)")
	@Property("imagebatch.simulator.server-rpd")
	@Nullable Integer serverRpd;

	@Option(names = "--time-scale", paramLabel = "X", converter = FlagValues.TimeScale.class,
			description = "factor on the providers' latencies (1 = real time)")
	@Property("imagebatch.simulator.time-scale")
	@Nullable Double timeScale;

	@Option(names = "--payload", paramLabel = "P", converter = FlagValues.Payloads.class,
			completionCandidates = FlagValues.Payloads.class,
			description = "small or realistic (bodies of real size)")
	@Property("imagebatch.simulator.payload")
	@Nullable String payload;

	@Option(names = "--render", paramLabel = "R", converter = FlagValues.Renders.class,
			completionCandidates = FlagValues.Renders.class, description = "the small payload: per-request (each "
					+ "image shows its product's name) or once (one image per format and size, served from memory)")
	@Property("imagebatch.simulator.render")
	@Nullable String render;

	@Option(names = "--seed", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "seed of the latency and fault dice")
	@Property("imagebatch.simulator.seed")
	@Nullable Integer seed;

	@Option(names = "--fault-429", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of requests answered 429")
	@Property("imagebatch.simulator.faults.rate-429")
	@Nullable Double fault429;

	@Option(names = "--fault-500", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share answered 500")
	@Property("imagebatch.simulator.faults.rate-500")
	@Nullable Double fault500;

	@Option(names = "--fault-503", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share answered 503 overloaded")
	@Property("imagebatch.simulator.faults.rate-503")
	@Nullable Double fault503;

	@Option(names = "--fault-timeout", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share held open without an answer")
	@Property("imagebatch.simulator.faults.rate-timeout")
	@Nullable Double faultTimeout;

	@Option(names = "--fault-truncated", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share whose body is cut off midway")
	@Property("imagebatch.simulator.faults.rate-truncated")
	@Nullable Double faultTruncated;

	@Option(names = "--fault-malformed", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share answered with invalid JSON")
	@Property("imagebatch.simulator.faults.rate-malformed")
	@Nullable Double faultMalformed;

	@Option(names = "--fault-no-image", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share answered 200 without an image")
	@Property("imagebatch.simulator.faults.rate-no-image")
	@Nullable Double faultNoImage;

	@Option(names = "--block-word", paramLabel = "WORD", description = "prompts containing it get a safety block")
	@Property("imagebatch.simulator.faults.block-word")
	@Nullable String blockWord;

	@Option(names = "--blank-word", paramLabel = "WORD", description = "prompts containing it get a blank image")
	@Property("imagebatch.simulator.faults.blank-word")
	@Nullable String blankWord;

	@Option(names = "--systemic-after", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "after N requests every request fails with --systemic-status (-1 = never)")
	@Property("imagebatch.simulator.faults.systemic-after")
	@Nullable Integer systemicAfter;

	@Option(names = "--systemic-status", paramLabel = "S", converter = FlagValues.SystemicStatuses.class,
			completionCandidates = FlagValues.SystemicStatuses.class, description = "${COMPLETION-CANDIDATES}")
	@Property("imagebatch.simulator.faults.systemic-status")
	@Nullable String systemicStatus;

	@Option(names = "--batch-delay", paramLabel = "DURATION", converter = FlagValues.NonNegativeDuration.class,
			description = "time a batch takes (PENDING, then RUNNING), times --time-scale")
	@Property("imagebatch.simulator.batch.delay")
	@Nullable Duration batchDelay;

	@Option(names = "--batch-inline-below", paramLabel = "N", converter = FlagValues.NonNegativeInt.class,
			description = "Gemini file batches of fewer requests answer inline (0 = never)")
	@Property("imagebatch.simulator.batch.inline-below")
	@Nullable Integer batchInlineBelow;

	@Option(names = "--batch-unsupported-model", paramLabel = "MODEL,...", description = "models not offered for batch")
	@Property("imagebatch.simulator.batch.unsupported-models")
	@Nullable String batchUnsupportedModels;

	@Option(names = "--fault-batch-stuck", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of batches stuck in PENDING until they expire")
	@Property("imagebatch.simulator.batch.stuck")
	@Nullable Double faultBatchStuck;

	@Option(names = "--fault-batch-expire", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of batches that expire half done (Gemini returns nothing, OpenAI what it did)")
	@Property("imagebatch.simulator.batch.expire")
	@Nullable Double faultBatchExpire;

	@Option(names = "--fault-batch-partial-failure", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of batch lines that fail")
	@Property("imagebatch.simulator.batch.partial-failure")
	@Nullable Double faultBatchPartialFailure;

	@Option(names = "--fault-batch-duplicates", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of delivered keys with a second, billed output line")
	@Property("imagebatch.simulator.batch.duplicates")
	@Nullable Double faultBatchDuplicates;

	@Option(names = "--fault-batch-cancel-race", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of cancels of a running batch that lose the race: it still succeeds")
	@Property("imagebatch.simulator.batch.cancel-race")
	@Nullable Double faultBatchCancelRace;

	@Option(names = "--fault-batch-quota", paramLabel = "P", converter = FlagValues.Share.class,
			description = "share of batch creates over the enqueued-token quota")
	@Property("imagebatch.simulator.batch.quota")
	@Nullable Double faultBatchQuota;

	/** Read from an environment variable, never from a flag: a key on the command line shows in {@code ps}. */
	@Option(names = "--api-key-env", paramLabel = "VAR",
			description = "require the API key held in this environment variable (none: no key needed)")
	@Nullable String apiKeyEnv;

}
