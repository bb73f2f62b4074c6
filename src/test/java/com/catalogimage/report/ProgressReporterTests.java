package com.catalogimage.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.catalogimage.run.JobIdentity;
import com.catalogimage.simulator.ManualClock;
import com.catalogimage.run.CatalogImageJob;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProgressReporterTests {

	private final AtomicLong clock = new AtomicLong();

	@Test
	void logLineSaysDoneTotalRateEtaSpendAnd429s() {
		// given: 30 of 100 done, 10 of them before this execution, 20 images in 2 minutes
		Progress progress = new Progress(100, 70, 20, new BigDecimal("1.34"), 3);
		// when
		String line = ProgressLine.text(progress, 10, Duration.ofMinutes(2));
		// then: 20 done per 2 min -> 70 left take 7 min
		assertThat(line).isEqualTo("Progress 30/100 (30 %): 10 images/min, ETA 7m00s, spent $1.3400, 429s: 3");
	}

	@Test
	void aRunWithBatchesShowsThemByStateAndTheTimeLeftToItsDeadline() {
		// given: 30 of 100 done, three batches, the deadline 5 h 12 min away
		Map<String, Long> batches = new LinkedHashMap<>();
		batches.put("INTENT", 1L);
		batches.put("RUNNING", 2L);
		batches.put("SUCCEEDED", 1L);
		Progress progress = new Progress(100, 70, 20, new BigDecimal("1.34"), 0, batches);
		// when
		String line = ProgressLine.text(progress, 10, Duration.ofMinutes(2), Duration.ofMinutes(312));
		String bar = ProgressLine.bar(progress, 10, Duration.ofMinutes(2), Duration.ofSeconds(-185));
		// then
		assertThat(line).isEqualTo("Progress 30/100 (30 %): 10 images/min, ETA 7m00s, spent $1.3400, 429s: 0; "
				+ "batches: 1 submitting, 2 running, 1 succeeded; deadline in 5h12m");
		assertThat(bar).endsWith(" | $1.34 | 429s 0 | batches 1 submitting, 2 running, 1 succeeded "
				+ "| deadline passed 3m05s ago");
	}

	@Test
	void theDeadlineComesFromTheRunningExecutionsParameterAndCountsDownOnTheWallClock() {
		// given: a run recorded with a deadline two hours after now, its batches still running
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		ManualClock wall = new ManualClock();
		Progress.Source source = (instance, execution) -> new Progress(8, 8, 0, BigDecimal.ZERO, 0,
				Map.of("RUNNING", 2L));
		ProgressReporter reporter = new ProgressReporter(source, Duration.ZERO, 600, terminal, this.clock::get, wall);
		StepExecution step = MetaDataInstanceFactory.createStepExecution(new JobParametersBuilder()
			.addString(JobIdentity.DEADLINE, wall.instant().plus(Duration.ofHours(2)).toString(), false).toJobParameters());
		reporter.beforeStep(step);
		// when
		reporter.report();
		wall.advance(Duration.ofMinutes(90));
		reporter.report();
		// then
		String[] bars = bytes.toString(StandardCharsets.UTF_8).split("\r");
		assertThat(bars[1]).contains("| batches 2 running | deadline in 2h00m");
		assertThat(bars[2]).contains("| batches 2 running | deadline in 30m00s");
	}

	@Test
	void aRunWithoutADeadlineOrWithAnUnreadableOneShowsNone() {
		assertThat(ProgressReporter.deadline(new JobParameters())).isNull();
		assertThat(ProgressReporter.deadline(new JobParametersBuilder().addString(JobIdentity.DEADLINE, "06:00", false)
			.toJobParameters())).isNull();
		assertThat(ProgressLine.text(new Progress(1, 1, 0, BigDecimal.ZERO, 0), 0, Duration.ofSeconds(1), null))
			.doesNotContain("deadline")
			.doesNotContain("batches");
	}

	@Test
	void etaIsUnknownUntilSomethingFinishedAndZeroWhenNothingIsLeft() {
		assertThat(ProgressLine.eta(new Progress(10, 10, 0, BigDecimal.ZERO, 0), 0, Duration.ofSeconds(5)))
			.isEqualTo("?");
		assertThat(ProgressLine.eta(new Progress(10, 0, 10, BigDecimal.ZERO, 0), 0, Duration.ofSeconds(5)))
			.isEqualTo("0s");
		assertThat(ProgressLine.eta(new Progress(100_000, 90_000, 0, BigDecimal.ZERO, 0), 0, Duration.ofMinutes(10)))
			.isEqualTo("1h30m");
	}

	@Test
	void onATerminalRedrawsOneBarLineInPlace() {
		// given
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		Progress.Source source = (instance, execution) -> new Progress(8, 4, 4, new BigDecimal("0.268"), 0);
		ProgressReporter reporter = new ProgressReporter(source, Duration.ZERO, 600, terminal, this.clock::get,
				Clock.systemUTC());
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		reporter.beforeStep(step);
		this.clock.set(Duration.ofSeconds(30).toNanos());
		// when
		reporter.report();
		reporter.report();
		reporter.afterStep(step);
		// then
		String shown = bytes.toString(StandardCharsets.UTF_8);
		assertThat(shown).startsWith("\r[############............] 4/8 50 % | 8 img/min | ETA ?");
		assertThat(shown.split("\r", -1)).hasSize(3);
		assertThat(shown).endsWith(System.lineSeparator());
	}

	@Test
	void theBatchStepShowsProgressOnlyForARunWithBatches() {
		// given: the same reporter on the batch step of a sync run (no batches), then of a run with a running batch
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		Map<String, Long> batches = new LinkedHashMap<>();
		Progress.Source source = (instance, execution) -> new Progress(8, 8, 0, BigDecimal.ZERO, 0, Map.copyOf(batches));
		ProgressReporter reporter = new ProgressReporter(source, Duration.ZERO, 600, terminal, this.clock::get,
				Clock.systemUTC());
		StepExecution sync = MetaDataInstanceFactory.createStepExecution(CatalogImageJob.BATCH_STEP, 1L);
		// when
		reporter.beforeStep(sync);
		reporter.report();
		// then
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
		// when
		batches.put("RUNNING", 1L);
		reporter.report();
		// then
		assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("0/8", "batches 1 running");
	}

	@Test
	void recordsTheConfiguredRpmInTheStepContextForLaterReports() {
		// given
		ProgressReporter reporter = new ProgressReporter((i, e) -> new Progress(1, 1, 0, BigDecimal.ZERO, 0),
				Duration.ZERO, 450, null, this.clock::get, Clock.systemUTC());
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		// when
		reporter.beforeStep(step);
		reporter.afterStep(step);
		// then
		assertThat(step.getExecutionContext().getInt(RunFacts.RPM_KEY)).isEqualTo(450);
	}

	@Test
	void reportsEveryIntervalUntilTheStepEnds() {
		// given
		AtomicInteger reads = new AtomicInteger();
		Progress.Source source = (instance, execution) -> {
			reads.incrementAndGet();
			return new Progress(5, 5, 0, BigDecimal.ZERO, 0);
		};
		ProgressReporter reporter = new ProgressReporter(source, Duration.ofMillis(5), 600, null, System::nanoTime,
				Clock.systemUTC());
		StepExecution step = MetaDataInstanceFactory.createStepExecution();
		// when
		reporter.beforeStep(step);
		await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 4);
		reporter.afterStep(step);
		int afterStop = reads.get();
		// then: nothing more once the step ended (a tick already waiting for the lock returns at once)
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> reads.get() == afterStop);
	}

}
