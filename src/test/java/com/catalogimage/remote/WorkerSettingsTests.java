package com.catalogimage.remote;

import java.nio.file.Path;

import com.catalogimage.run.JobIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** What a worker compares with the run before it takes a slot, and how it says what differs. */
class WorkerSettingsTests {

	private final JobParameters run = new JobParametersBuilder().addString(JobIdentity.PROVIDER, "gemini")
		.addString(JobIdentity.MODEL, "gemini-3.1-flash-image-preview")
		.addString(JobIdentity.OUTPUT_DIR, "/mnt/images", false)
		.toJobParameters();

	@Test
	void aWorkerWithTheRunsProviderModelAndOutputFits() {
		WorkerSettings worker = new WorkerSettings("gemini", "gemini-3.1-flash-image-preview", Path.of("/mnt/./images"));
		assertThat(worker.mismatch(this.run)).isEmpty();
	}

	@Test
	void eachDifferenceIsNamedWithTheFlagThatSetsIt() {
		WorkerSettings worker = new WorkerSettings("openai", "gpt-image-1", Path.of("/tmp/elsewhere"));
		assertThat(worker.mismatch(this.run)).hasValue("the run's provider is gemini, this worker's openai (--provider); "
				+ "the run's model is gemini-3.1-flash-image-preview, this worker's gpt-image-1 (--model); "
				+ "the run's output folder is /mnt/images, this worker's /tmp/elsewhere (--output)");
	}

	@Test
	void aPasswordInTheDatabaseUrlIsNeverShown() {
		assertThat(DatabaseNames.withoutPassword("jdbc:postgresql://db:5432/catalog?user=u&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db:5432/catalog?user=u&ssl=true");
		assertThat(DatabaseNames.withoutPassword("jdbc:postgresql://u:s3cret@db/catalog"))
			.isEqualTo("jdbc:postgresql://u@db/catalog");
	}

	@Test
	void durationsReadAsAPersonWritesThem() {
		assertThat(HumanDurations.of(java.time.Duration.ofMinutes(2))).isEqualTo("2m");
		assertThat(HumanDurations.of(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(HumanDurations.of(java.time.Duration.ofSeconds(3))).isEqualTo("3s");
	}

}
