package com.catalogimage.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.catalogimage.image.Sha256;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What makes two launches the same job instance: the catalog's path and content hash, provider, model, default size,
 * the selection (incremental, forced or partial) and an optional run id. Launching again with the same identity after a failure continues that instance (never a
 * RunIdIncrementer, which would start a new one every time); a new run id starts afresh.
 *
 * <p>The output folder is recorded with every execution as a non-identifying parameter, so existing runs keep their
 * identity: a run lives in the folder it started in, and the command line refuses to continue or repeat it into
 * another one rather than split its images or pretend it wrote them there.
 */
public record JobIdentity(Path input, String inputSha256, String provider, String model, String size,
		String selection, @Nullable String runId) {

	/** The absolute path of the catalog CSV, which the stage step reads. */
	public static final String INPUT = "input.path";

	public static final String INPUT_SHA256 = "input.sha256";

	public static final String PROVIDER = "provider";

	public static final String MODEL = "model";

	public static final String SIZE = "size";

	public static final String RUN_ID = "run.id";

	public static final String SELECTION = "selection";

	/** How an execution buys images: {@code sync}, {@code batch} or {@code auto}; recorded, not identifying. */
	public static final String MODE = "mode";

	/** The instant the images are needed by (ISO-8601), resolved when the execution starts; recorded, not identifying. */
	public static final String DEADLINE = "deadline";

	/**
	 * The execution's cost budget in USD ({@code --max-cost}), when it has one; recorded, not identifying. Worker
	 * processes of a remote run read it, so the budget is the one the run was started with, not each worker's own.
	 */
	public static final String MAX_COST = "max-cost";

	/** The execution's daily request budget ({@code --rpd}), when it has one; recorded, not identifying, as MAX_COST. */
	public static final String RPD = "rpd";

	/** The absolute output folder of an execution; recorded, not identifying. */
	public static final String OUTPUT_DIR = "output.dir";

	/**
	 * @param selection which products the run generates (incremental, force, only:...): a forced or partial run is a
	 * different run from the nightly one
	 */
	public static JobIdentity of(Path input, String provider, String model, String size, String selection,
			@Nullable String runId) {
		Path absolute = input.toAbsolutePath().normalize();
		return new JobIdentity(absolute, sha256(absolute), provider, model, size, selection,
				runId == null || runId.isBlank() ? null : runId);
	}

	/** The identifying parameters, plus the output folder this execution writes into (not identifying). */
	public JobParameters toJobParameters(Path outputDir) {
		JobParametersBuilder builder = new JobParametersBuilder()
			.addString(INPUT, this.input.toString())
			.addString(INPUT_SHA256, this.inputSha256)
			.addString(PROVIDER, this.provider)
			.addString(MODEL, this.model)
			.addString(SIZE, this.size)
			.addString(SELECTION, this.selection);
		if (this.runId != null) {
			builder.addString(RUN_ID, this.runId);
		}
		builder.addString(OUTPUT_DIR, outputDir.toAbsolutePath().normalize().toString(), false);
		return builder.toJobParameters();
	}

	static String sha256(Path file) {
		try {
			return Sha256.of(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
