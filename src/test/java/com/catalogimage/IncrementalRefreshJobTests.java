package com.catalogimage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.catalogimage.simulator.SimulatorServer;
import com.catalogimage.support.Catalogs;
import com.catalogimage.support.JobRun;
import com.catalogimage.support.Simulators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.catalogimage.support.CsvFiles.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The nightly refresh: only new or changed products are paid for. */
class IncrementalRefreshJobTests {

	private static final int PRODUCTS = 20;

	@TempDir
	Path workspace;

	private SimulatorServer simulator;

	private JobRun job;

	private Path catalog;

	@BeforeEach
	void firstNight() throws IOException {
		this.simulator = Simulators.start(Map.of("time-scale", "0.004"));
		this.job = new JobRun(this.workspace);
		this.catalog = Catalogs.write(this.workspace.resolve("products.csv"), PRODUCTS, "INC");
		assertThat(night("2026-11-23").exitCode()).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void anUnchangedCatalogMakesNoCallTheNextNight() throws IOException {
		// when
		JobRun.Result second = night("2026-11-24");
		// then
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS);
		assertThat(statuses()).containsOnly("UP_TO_DATE").hasSize(PRODUCTS);
		assertThat(second.out()).contains(PRODUCTS + " up to date");
	}

	@Test
	void editingThreeRowsRegeneratesExactlyThoseThree() throws IOException {
		// given
		edit(3, 7, 11);
		// when
		JobRun.Result second = night("2026-11-24");
		// then
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS + 3);
		Map<String, String> statuses = statusBySku();
		assertThat(statuses.entrySet().stream().filter(e -> e.getValue().equals("GENERATED")).map(Map.Entry::getKey))
			.containsExactlyInAnyOrder("INC-0003", "INC-0007", "INC-0011");
		assertThat(statuses.values().stream().filter("UP_TO_DATE"::equals)).hasSize(PRODUCTS - 3);
	}

	@Test
	void aDeletedImageIsPutBackFromTheCacheWithoutACall() throws IOException {
		Files.delete(this.job.output().resolve("images/INC-0005.jpg"));
		assertThat(night("2026-11-24").exitCode()).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS);
		assertThat(this.job.output().resolve("images/INC-0005.jpg")).exists();
		assertThat(statusBySku()).containsEntry("INC-0005", "CACHED").containsEntry("INC-0006", "UP_TO_DATE");
	}

	@Test
	void theEstimateMatchesTheCostOfTheFollowingRunWithinFivePercent() throws IOException {
		// given
		edit(2, 4, 6, 8);
		JobRun.Result estimate = this.job.run("estimate", "--input", this.catalog.toString(), "--base-url",
				this.simulator.baseUrl());
		assertThat(estimate.out()).contains("to generate: 4   up to date: " + (PRODUCTS - 4));
		long requestsBefore = this.simulator.stats().requests();
		// when
		JobRun.Result run = night("2026-11-24");
		// then
		assertThat(this.simulator.stats().requests()).as("the estimate called nothing").isEqualTo(requestsBefore + 4);
		BigDecimal estimated = money(estimate.out(), "Estimated cost: \\$([0-9.]+)");
		BigDecimal actual = money(run.out(), "cost \\$([0-9.]+)");
		assertThat(estimated.doubleValue()).isCloseTo(actual.doubleValue(), within(actual.doubleValue() * 0.05));
	}

	@Test
	void aBlankImageGoesToQuarantineAndTheOldImageStays() throws IOException {
		// given: product 4 changes, and the provider answers its new prompt with a blank image
		this.simulator.faults().setBlankWord("scratched");
		List<String> lines = Files.readAllLines(this.catalog);
		lines.set(4, lines.get(4).replace("Test item 4", "Test item 4 scratched"));
		Files.write(this.catalog, lines);
		byte[] before = Files.readAllBytes(this.job.output().resolve("images/INC-0004.jpg"));
		// when
		JobRun.Result second = night("2026-11-24");
		// then
		assertThat(second.exitCode()).isEqualTo(3);
		assertThat(Files.readAllBytes(this.job.output().resolve("images/INC-0004.jpg"))).isEqualTo(before);
		try (var quarantined = Files.list(this.job.output().resolve("quarantine"))) {
			assertThat(quarantined.map(path -> path.getFileName().toString())).singleElement()
				.satisfies(name -> assertThat(name).startsWith("INC-0004-"));
		}
		String reason = this.job.jdbc()
			.queryForObject("select reason from catalog_item where sku = 'INC-0004' and status = 'SKIPPED'", String.class);
		assertThat(reason).startsWith("quality:blank").contains("stale image kept: images/INC-0004.jpg");
	}

	@Test
	void aQuarantineThatCannotBeWrittenFailsTheRunAndTheRestartUsesTheKeptImageWithoutACall() throws IOException {
		// given: product 4's new prompt gets a blank image, and a file stands where the quarantine folder goes
		this.simulator.faults().setBlankWord("scratched");
		List<String> lines = Files.readAllLines(this.catalog);
		lines.set(4, lines.get(4).replace("Test item 4", "Test item 4 scratched"));
		Files.write(this.catalog, lines);
		Path quarantine = this.job.output().resolve("quarantine");
		Files.writeString(quarantine, "not a folder");
		// when
		JobRun.Result failed = night("2026-11-24");
		// then: the run fails on our fault, and says the image was bought and is kept, not that nothing was sent
		assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
		assertThat(failed.err()).contains("cannot write " + quarantine.resolve("INC-0004-"))
			.contains("a fault on this machine, not the provider's: the image of product INC-0004 is kept in the "
					+ "cache, and the restart uses it without a call")
			.contains("it continues this run where it stopped (1 product pending).")
			.doesNotContain("not sent")
			.doesNotContain("\tat ");
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS + 1);
		// when: the folder can be written again
		Files.delete(quarantine);
		JobRun.Result restart = night("2026-11-24");
		// then: the kept image is judged and quarantined, and nothing is bought again
		assertThat(restart.exitCode()).as(restart.err()).isEqualTo(3);
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS + 1);
		try (var quarantined = Files.list(quarantine)) {
			assertThat(quarantined.map(path -> path.getFileName().toString())).singleElement()
				.satisfies(name -> assertThat(name).startsWith("INC-0004-"));
		}
	}

	@Test
	void aModelAnsweringInAnotherFormatRegeneratesAndTheManifestPointsAtTheNewFile() throws IOException {
		// given: the first night's 3.1 Flash images are JPEG
		assertThat(this.job.output().resolve("images/INC-0001.jpg")).exists();
		// when: the catalog moves to a model that answers PNG
		JobRun.Result second = night("2026-11-24", "--model", "gemini-2.5-flash-image");
		// then: every product is generated again, and the manifest and report name the new file
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(statuses()).containsOnly("GENERATED").hasSize(PRODUCTS);
		assertThat(this.job.jdbc()
			.queryForObject("select image_path from image_manifest where sku = 'INC-0001'", String.class))
			.isEqualTo("images/INC-0001.png");
		assertThat(this.job.output().resolve("images/INC-0001.png")).exists();
		assertThat(this.job.output().resolve("images/INC-0001.jpg")).as("the old format's copy").doesNotExist();
		Map<String, String> paths = csv(this.job.output().resolve("report.csv")).stream()
			.collect(Collectors.toMap(row -> row.get("sku"), row -> row.get("image_path")));
		assertThat(paths).hasSize(PRODUCTS).containsEntry("INC-0001", "images/INC-0001.png");
		// and the next night, with nothing changed, finds every PNG current
		assertThat(night("2026-11-25", "--model", "gemini-2.5-flash-image").exitCode()).isZero();
		assertThat(statuses()).containsOnly("UP_TO_DATE").hasSize(PRODUCTS);
	}

	@Test
	void productsLeftOutOfTheCatalogAreRecordedAndPrunedOnRequest() throws IOException {
		// given: the catalog loses its last two products
		List<String> lines = Files.readAllLines(this.catalog);
		Files.write(this.catalog, lines.subList(0, lines.size() - 2));
		// when
		assertThat(night("2026-11-24", "--prune").exitCode()).isZero();
		// then
		assertThat(this.job.jdbc().queryForList("select sku from catalog_removal where pruned", String.class))
			.containsExactlyInAnyOrder("INC-0019", "INC-0020");
		assertThat(this.job.output().resolve("images/INC-0020.jpg")).doesNotExist();
		assertThat(this.job.output().resolve("images/INC-0018.jpg")).exists();
	}

	@Test
	void aRejectedRowIsStillListedSoPruneKeepsItsImage() throws IOException {
		// given: product 6's name picks up a Windows-1252 byte, so its row is rejected tonight
		List<String> lines = Files.readAllLines(this.catalog);
		lines.set(6, lines.get(6).replace("INC product 6", "INC product 6 caf\u00E9"));
		Files.write(this.catalog, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.ISO_8859_1));
		// when
		JobRun.Result second = night("2026-11-24", "--prune");
		// then
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(csv(this.job.output().resolve("rejected.csv"))).extracting(row -> row.get("sku"))
			.containsExactly("INC-0006");
		assertThat(this.job.output().resolve("images/INC-0006.jpg")).exists();
		assertThat(this.job.jdbc().queryForObject("select count(*) from catalog_removal", Integer.class)).isZero();
		assertThat(statusBySku()).doesNotContainKey("INC-0006").hasSize(PRODUCTS - 1);
	}

	@Test
	void aCatalogWhoseEveryRowIsRejectedFailsAndPrunesNothing() throws IOException {
		// given: every row asks for a size that does not exist
		List<String> lines = Files.readAllLines(this.catalog);
		List<String> broken = new java.util.ArrayList<>(List.of(lines.get(0) + ",size"));
		lines.subList(1, lines.size()).forEach(line -> broken.add(line + ",huge"));
		Files.write(this.catalog, broken);
		// when
		JobRun.Result second = night("2026-11-24", "--prune");
		// then
		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.err()).contains("all " + PRODUCTS + " rows were rejected");
		assertThat(this.job.output().resolve("images/INC-0001.jpg")).exists();
		assertThat(this.job.output().resolve("images/INC-0020.jpg")).exists();
		assertThat(this.job.jdbc().queryForObject("select count(*) from catalog_removal", Integer.class)).isZero();
		assertThat(this.job.jdbc().queryForObject("select count(*) from image_manifest", Integer.class))
			.isEqualTo(PRODUCTS);
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS);
	}

	@Test
	void aCatalogWithAHeaderButNoRowsFailsAndPrunesNothing() throws IOException {
		// given: an export that came out truncated to its header
		Files.write(this.catalog, List.of(Files.readAllLines(this.catalog).get(0)));
		// when
		JobRun.Result second = night("2026-11-24", "--prune");
		// then: no success, and no image is deleted as "no longer listed"
		assertThat(second.exitCode()).isEqualTo(1);
		assertThat(second.err()).contains("has a header but no product rows");
		assertThat(this.job.output().resolve("images/INC-0001.jpg")).exists();
		assertThat(this.job.output().resolve("images/INC-0020.jpg")).exists();
		assertThat(this.job.jdbc().queryForObject("select count(*) from catalog_removal", Integer.class)).isZero();
		assertThat(this.simulator.stats().requests()).isEqualTo(PRODUCTS);
	}

	private JobRun.Result night(String day, String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("run", "--input", this.catalog.toString(), "--base-url",
				this.simulator.baseUrl(), "--run-id", day));
		args.addAll(List.of(extra));
		return this.job.run(args.toArray(String[]::new));
	}

	private void edit(int... rows) throws IOException {
		List<String> lines = Files.readAllLines(this.catalog);
		for (int row : rows) {
			lines.set(row, lines.get(row).replace("Test item " + row, "Test item " + row + " in a new colour"));
		}
		Files.write(this.catalog, lines);
	}

	private List<String> statuses() throws IOException {
		return List.copyOf(statusBySku().values());
	}

	private Map<String, String> statusBySku() throws IOException {
		return csv(this.job.output().resolve("report.csv")).stream()
			.collect(Collectors.toMap(row -> row.get("sku"), row -> row.get("status")));
	}

	private static BigDecimal money(String text, String pattern) {
		Matcher matcher = Pattern.compile(pattern).matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return new BigDecimal(matcher.group(1));
	}

}
