package com.catalogimage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's rate limiter against the simulator's own sliding-window limit, on the wall clock: the limiter's slots and
 * the server's window only meet in real time, so these runs take as long as their requests at the rate, about half a
 * minute together. That makes them integration tests ({@code verify}, not {@code test}); the limiter's rules are
 * tested exactly on a fake clock in {@code RequestRateLimiterTests} and {@code AdaptiveRateConvergenceTests}. Rates are
 * scaled: the simulator counts its rpm over a few seconds instead of a minute, so many window edges pass in a short
 * test.
 */
class ProviderRateLimitsIT {

	@TempDir
	Path workspace;

	@Test
	void keepingToTheServersRpmMeetsNoRateLimit() throws IOException {
		// given: the server admits 600 rpm, counted over a 6 s window standing for a minute, and the job is configured
		// to 600 rpm with its limiter scaled the same way: one permit per 0.1 s standing for 10 per second, and a
		// 20 % margin leaving the same 1.2 s of slack per window for scheduling jitter as 2 % of a real minute
		try (SimulatorServer simulator = Simulators.start("server-rpm", "600", "server-window", "6s", "time-scale",
				"0.002")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 120, "RPM");
			// when
			JobRun.Result result = new JobRun(this.workspace).property("imagebatch.generation.rate-margin", "0.2")
				.run("run", "--input", catalog.toString(), "--provider", "simulator", "--base-url", simulator.baseUrl(),
						"--rpm", "600", "--concurrency", "8", "--burst", "1");
			// then
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertThat(simulator.stats().rateLimited()).isZero();
			assertThat(simulator.stats().generations()).isEqualTo(120);
		}
	}

	@Test
	void adaptiveRateConvergesOnAServerLimitBelowTheConfiguredRpm() throws IOException {
		// given: the server admits a quarter of the configured rate (600 vs 2400 rpm, over a 6 s window)
		try (SimulatorServer simulator = Simulators.start("server-rpm", "600", "server-window", "6s", "time-scale",
				"0.002")) {
			Path catalog = Catalogs.write(this.workspace.resolve("products.csv"), 120, "ADAPT");
			// when
			JobRun.Result result = run(simulator, catalog, "--rpm", "2400", "--concurrency", "4", "--max-attempts",
					"8", "--burst", "4");
			// then
			assertThat(result.exitCode()).as(result.err()).isZero();
			assertThat(statuses(result)).containsOnly("GENERATED").hasSize(120);
			double share = (double) simulator.stats().rateLimited() / simulator.stats().requests();
			System.out.printf("adaptive: %d requests, %d answered 429 (%.1f %%)%n", simulator.stats().requests(),
					simulator.stats().rateLimited(), share * 100);
			assertThat(share).isLessThan(0.10);
		}
	}

	private JobRun.Result run(SimulatorServer simulator, Path catalog, String... extra) {
		List<String> args = new ArrayList<>(List.of("run", "--input", catalog.toString(), "--provider", "simulator",
				"--base-url", simulator.baseUrl()));
		args.addAll(List.of(extra));
		return new JobRun(this.workspace).property("imagebatch.generation.backoff-base", "20ms")
			.run(args.toArray(String[]::new));
	}

	private List<String> statuses(JobRun.Result result) throws IOException {
		return csv(this.workspace.resolve("output/report.csv")).stream().map(row -> row.get("status")).toList();
	}

}
