package com.catalogimage.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.catalogimage.run.JobIdentity;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What a worker process was started with that must be the run's: the provider and model its calls go to (they are
 * part of the run's identity and price) and the output folder it places images in. A worker that differs refuses the
 * run's slots instead of buying images the run did not ask for or putting them where the run does not look.
 */
record WorkerSettings(String provider, String model, Path output) {

	WorkerSettings {
		output = output.toAbsolutePath().normalize();
	}

	/** What differs between the run's job parameters and this worker, in words, or empty when nothing does. */
	Optional<String> mismatch(JobParameters run) {
		List<String> differences = new ArrayList<>();
		differ(differences, "provider", run.getString(JobIdentity.PROVIDER), this.provider, "--provider");
		differ(differences, "model", run.getString(JobIdentity.MODEL), this.model, "--model");
		differ(differences, "output folder", run.getString(JobIdentity.OUTPUT_DIR), this.output.toString(), "--output");
		return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
	}

	private static void differ(List<String> differences, String what, String ofRun, String ofWorker, String flag) {
		if (ofRun != null && !Objects.equals(ofRun, ofWorker)) {
			differences.add("the run's " + what + " is " + ofRun + ", this worker's " + ofWorker + " (" + flag + ")");
		}
	}

}
