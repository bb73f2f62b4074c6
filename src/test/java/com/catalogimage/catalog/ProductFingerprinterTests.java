package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.catalogimage.catalog.ReferenceImageFile.InvalidReferenceException;
import com.catalogimage.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductFingerprinterTests {

	private final ProductFingerprinter fingerprinter = new ProductFingerprinter("gemini", "gemini-3.1-flash-image-preview");

	@TempDir
	Path folder;

	@Test
	void theReferenceImageEntersTheFingerprintByContentAndIsStagedAsAnAbsolutePath() throws Exception {
		// given
		Path catalog = this.folder.resolve("products.csv");
		Files.write(this.folder.resolve("ref.png"), TestImages.png(8, 8));
		Product product = product("ref.png");
		// when
		StagedProduct first = this.fingerprinter.stage(product, catalog);
		Files.write(this.folder.resolve("ref.png"), TestImages.png(9, 9));
		StagedProduct replaced = this.fingerprinter.stage(product, catalog);
		// then
		assertThat(first.fingerprint()).isNotEqualTo(replaced.fingerprint())
			.isNotEqualTo(this.fingerprinter.stage(product(null), catalog).fingerprint());
		assertThat(first.product().referenceImage()).isEqualTo(this.folder.resolve("ref.png").toAbsolutePath().toString());
		assertThat(first.status()).isEqualTo(ProductStatus.PENDING);
	}

	@Test
	void webpAndJpegAreRecognisedBySignatureWhateverTheirName() throws Exception {
		Path catalog = this.folder.resolve("products.csv");
		Files.write(this.folder.resolve("a.bin"), new byte[] { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 1 });
		Files.write(this.folder.resolve("b.png"), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 });
		assertThat(ReferenceImageFile.resolve(catalog, "a.bin").format().mimeType()).isEqualTo("image/webp");
		assertThat(ReferenceImageFile.resolve(catalog, "b.png").format().mimeType()).isEqualTo("image/jpeg");
	}

	@Test
	void missingFoldersAndNonImagesAreRejectedWithAReason() throws IOException {
		Path catalog = this.folder.resolve("products.csv");
		Files.createDirectories(this.folder.resolve("dir"));
		Files.writeString(this.folder.resolve("text.png"), "hello");
		assertThatThrownBy(() -> this.fingerprinter.stage(product("nope.png"), catalog))
			.isInstanceOf(InvalidReferenceException.class)
			.hasMessage("file not found: nope.png (relative to the catalog's folder)");
		assertThatThrownBy(() -> this.fingerprinter.stage(product("dir"), catalog))
			.hasMessage("not a readable file: dir");
		assertThatThrownBy(() -> this.fingerprinter.stage(product("text.png"), catalog))
			.hasMessage("not a PNG, JPEG or WebP image: text.png");
	}

	@Test
	void onlyFilesInsideTheCatalogsFolderAreReadLinksResolved() throws Exception {
		// given: an image outside the catalog's folder, reachable by '..', by absolute path and by a link
		Path catalogFolder = Files.createDirectories(this.folder.resolve("catalog"));
		Path catalog = catalogFolder.resolve("products.csv");
		Path outside = this.folder.resolve("outside.png");
		Files.write(outside, TestImages.png(8, 8));
		Files.createSymbolicLink(catalogFolder.resolve("link.png"), outside);
		Files.createDirectories(catalogFolder.resolve("refs"));
		Files.write(catalogFolder.resolve("refs/inside.png"), TestImages.png(8, 8));
		Files.createSymbolicLink(catalogFolder.resolve("alias.png"), catalogFolder.resolve("refs/inside.png"));
		// when / then
		assertThatThrownBy(() -> this.fingerprinter.stage(product("../outside.png"), catalog))
			.isInstanceOf(InvalidReferenceException.class)
			.hasMessage("'../outside.png' is outside the catalog's folder (links resolved); only files in that folder"
					+ " are sent");
		assertThatThrownBy(() -> this.fingerprinter.stage(product("refs/../../outside.png"), catalog))
			.hasMessageContaining("is outside the catalog's folder");
		assertThatThrownBy(() -> this.fingerprinter.stage(product(outside.toAbsolutePath().toString()), catalog))
			.hasMessage("'" + outside.toAbsolutePath() + "' is an absolute path; give a path relative to the catalog's"
					+ " folder");
		assertThatThrownBy(() -> this.fingerprinter.stage(product("link.png"), catalog))
			.hasMessageContaining("'link.png' is outside the catalog's folder");
		// and a link that stays inside is fine, staged as the file it points to
		assertThat(this.fingerprinter.stage(product("alias.png"), catalog).product().referenceImage())
			.isEqualTo(catalogFolder.resolve("refs/inside.png").toRealPath().toString());
	}

	@Test
	void aCsvRowGetsTheFingerprintEarlierReleasesGaveIt() throws IOException {
		// given: rows whose description and category reach the prompt through the template, the second differing in
		// its category only
		Path catalog = this.folder.resolve("products.csv");
		Files.writeString(catalog, """
				sku,name,description,category
				MUG-1,Mug,"Red, 350 ml",Kitchen
				MUG-2,Mug,"Red, 350 ml",Garden
				""");
		CatalogRowValidator validator = new CatalogRowValidator(
				new PromptTemplate("Studio product photo of {name} ({category}): {description}. Plain white background."),
				"1K", "1:1");
		// when
		List<String> fingerprints = new ArrayList<>();
		CatalogCsvReader.read(catalog, row -> fingerprints.add(this.fingerprinter
			.fingerprint(((CatalogRowValidator.Valid) validator.validate(row)).product(), catalog)));
		// then: byte for byte what the release that still stored description and category computed for these rows;
		// the image manifest is keyed by it, so any change would regenerate every product on the next run
		assertThat(fingerprints).containsExactly("aafb3a0aef9e0a98d609af9e8e171dd6dca0f85eabe0d9121948df9105f6f7b8",
				"a65f39c36a67083d06c88a93aa6586fffe87c8c7eb6da11eeea0543387ecd232");
	}

	private static Product product(String reference) {
		return new Product(2, "A-1", "Mug", "a mug", "1K", "1:1", reference);
	}

}
