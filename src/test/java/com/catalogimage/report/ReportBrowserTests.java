package com.catalogimage.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.catalogimage.support.JobRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the report.html of a real run of the sample catalog in headless Chromium (Debian package {@code chromium};
 * {@code .ci/run} installs it, and the test is skipped where it is missing) and checks what a person would see: the
 * page ran without script errors, shows the totals, and every thumbnail decoded. Leaves a screenshot in
 * {@code target/report-screenshot.png}; {@code -Dreport.screenshot=docs/report-screenshot.png} copies it there.
 */
class ReportBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path SAMPLE = Path.of("jobs/sample-catalog/products.csv");

	@TempDir
	static Path workspace;

	static JobRun job;

	@BeforeAll
	static void runTheSampleCatalog() {
		assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install chromium)");
		job = new JobRun(workspace).property("imagebatch.generation.rpm", "6000");
		JobRun.Result result = job.run("run", "--input", SAMPLE.toString());
		assertThat(result.exitCode()).as(result.err()).isZero();
	}

	@Test
	void pageLoadsWithoutScriptErrorsAndShowsTheTotalsAndEveryThumbnail() throws Exception {
		// given
		Path page = job.output().resolve("report.html");
		long images;
		try (var files = Files.list(job.output().resolve("images"))) {
			images = files.count();
		}
		String cost = Files.readAllLines(job.output().resolve("summary.csv"))
			.stream()
			.filter(line -> line.startsWith("cost_usd,"))
			.map(line -> "$" + new java.math.BigDecimal(line.substring(9)).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString())
			.findFirst()
			.orElseThrow();
		// when
		String dom = chromium("--dump-dom", page.toUri().toString());
		// then
		String html = tag(dom, "html");
		String body = tag(dom, "body");
		assertThat(html).as("script errors are counted on <html>").doesNotContain("data-script-errors");
		assertThat(body).contains("data-report-ready=\"yes\"");
		assertThat(body).contains("data-thumbs-loaded=\"" + images + "\"").contains("data-thumbs-broken=\"0\"");
		assertThat(dom).contains("id=\"total-products\">" + images + "</div>");
		assertThat(dom).contains("id=\"total-cost\">" + cost + "</div>");
		assertThat(dom).contains("aria-label=\"latency histogram\"").contains("aria-label=\"throughput over time\"");
	}

	@Test
	void screenshotShowsThePage() throws Exception {
		// given
		Path screenshot = Path.of("target/report-screenshot.png").toAbsolutePath();
		Files.deleteIfExists(screenshot);
		// when
		chromium("--screenshot=" + screenshot, "--window-size=1280,1600", "--hide-scrollbars",
				job.output().resolve("report.html").toUri().toString());
		// then
		BufferedImage image = ImageIO.read(screenshot.toFile());
		assertThat(image.getWidth()).isEqualTo(1280);
		assertThat(image.getHeight()).isEqualTo(1600);
		String copyTo = System.getProperty("report.screenshot");
		if (copyTo != null) {
			Files.copy(screenshot, Path.of(copyTo), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String tag(String dom, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("<" + name + "\\b[^>]*>").matcher(dom);
		assertThat(matcher.find()).as("<%s> in the DOM", name).isTrue();
		return matcher.group();
	}

	/** Runs headless Chromium with flags that work as root in a container, returning what it printed. */
	private static String chromium(String... args) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory(workspace, "chromium-profile");
		Path out = workspace.resolve("chromium.out");
		Path err = workspace.resolve("chromium.err");
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(err));
		}
		assertThat(process.exitValue()).as(Files.readString(err)).isZero();
		return Files.readString(out, StandardCharsets.UTF_8);
	}

}
