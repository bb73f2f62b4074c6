package com.catalogimage.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
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
		ProgressReporter reporter = new ProgressReporter(source, Duration.ZERO, 600, terminal, this.clock::get);
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
	void recordsTheConfiguredRpmInTheStepContextForLaterReports() {
		// given
		ProgressReporter reporter = new ProgressReporter((i, e) -> new Progress(1, 1, 0, BigDecimal.ZERO, 0),
				Duration.ZERO, 450, null, this.clock::get);
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
		ProgressReporter reporter = new ProgressReporter(source, Duration.ofMillis(5), 600, null, System::nanoTime);
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
