package com.catalogimage.generation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.catalogimage.catalog.CatalogItem;
import com.catalogimage.catalog.CatalogItemRepository;
import com.catalogimage.catalog.ProductStatus;
import com.catalogimage.image.Dimensions;
import com.catalogimage.image.ImageFormat;
import com.catalogimage.storage.CachedImage;
import com.catalogimage.storage.ResultFigures.Origin;
import com.catalogimage.storage.ImageManifest;
import com.catalogimage.storage.ImagePlacement;
import com.catalogimage.storage.OutputLayout;
import com.catalogimage.storage.ResultRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.Chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class GeneratedImageWriterTests {

	@TempDir
	Path output;

	private final CatalogItemRepository items = mock(CatalogItemRepository.class);

	private final ResultRepository results = mock(ResultRepository.class);

	private final ImageManifest manifest = mock(ImageManifest.class);

	private final CurrentRun runs = new CurrentRun();

	@Test
	void anImageThatCannotBePlacedLeavesItsProductPendingAndEndsTheRunWithTheFileAndTheReason() throws IOException {
		// given: a file where the images folder should be, and an image in the cache
		OutputLayout layout = new OutputLayout(this.output);
		Files.writeString(layout.images(), "in the way");
		Path cached = Files.write(this.output.resolve("cached.png"), new byte[] { 1, 2, 3 });
		CatalogItem item = new CatalogItem(7, 1, 2, "MUG-001", "Mug", "a mug", "1K", "1:1", null, "f".repeat(64));
		GenerationResult result = new GenerationResult(item, ProductStatus.GENERATED,
				new CachedImage(cached, ImageFormat.PNG, 3, "sha"), new Dimensions(1, 1), AttemptStats.NONE, null, Cost.UNKNOWN,
				Instant.EPOCH, Instant.EPOCH, Origin.SYNC);
		GenerationRun run = new GenerationRun(1, new SkipLimit(0, 10), new ProviderHealth(10, 4, 0.5),
				new RepeatedRejections(0), new RequestBudget(0, ZoneOffset.UTC, Clock.systemUTC(), since -> 0L),
				new SpendBudget(null, BigDecimal.ZERO));
		this.runs.begin(run);
		GeneratedImageWriter writer = new GeneratedImageWriter(new ImagePlacement(layout), layout, this.items,
				this.results, mock(OutcomeFactory.class), Clock.systemUTC(), this.manifest, this.runs);
		// when
		writer.write(Chunk.of(result));
		// then: nothing recorded for the product, so it stays PENDING; the run ends FAILED saying why
		verify(this.items, never()).finish(anyLong(), any(), any());
		verifyNoInteractions(this.results, this.manifest);
		assertThat(run.gate().state()).isEqualTo(GenerationGate.State.FAILING);
		assertThat(run.gate().reason()).startsWith("cannot write " + layout.images().resolve("MUG-001.png") + ": "
				+ layout.images() + " exists and is not a folder; a fault on this machine, not the provider's")
			.contains("kept in the cache");
	}

}
