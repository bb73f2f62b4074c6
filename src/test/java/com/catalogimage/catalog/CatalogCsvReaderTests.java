package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogCsvReaderTests {

	@TempDir
	Path dir;

	@Test
	void readsUtf8WithByteOrderMarkAndMatchesHeaderCaseInsensitively() throws IOException {
		// given
		Path file = write("\uFEFFSKU,Name,Description\nA-1,Mug,Red\n");
		// when
		List<CatalogRow> rows = read(file);
		// then
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.get("sku")).isEqualTo("A-1");
			assertThat(row.get("name")).isEqualTo("Mug");
			assertThat(row.line()).isEqualTo(2);
		});
	}

	@Test
	void quotedCommasAndLineBreaksStayInTheFieldAndLineNumbersFollowPhysicalLines() throws IOException {
		// given
		Path file = write("""
				sku,name,description
				A-1,"Mug, red","two
				lines"
				B-2,Bowl,plain
				""");
		// when
		List<CatalogRow> rows = read(file);
		// then
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("name")).isEqualTo("Mug, red");
		assertThat(rows.get(0).get("description")).isEqualTo("two\nlines");
		assertThat(rows.get(0).line()).isEqualTo(2);
		assertThat(rows.get(1).line()).isEqualTo(4);
	}

	@Test
	void headerWithoutRequiredColumnsFailsNamingThem() throws IOException {
		// given
		Path file = write("sku,title\nA-1,Mug\n");
		// when / then
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("lacks required column(s): name");
	}

	@Test
	void unterminatedQuoteFailsWithTheLineWhereTheRowStarts() throws IOException {
		// given
		Path file = write("sku,name\nA-1,Mug\nB-2,\"Bowl\n");
		// when / then
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessageContaining("line 3");
	}

	@Test
	void rowWithMoreFieldsThanTheHeaderIsMarkedInconsistent() throws IOException {
		// given
		Path file = write("sku,name\nA-1,Mug,extra\n");
		// when
		List<CatalogRow> rows = read(file);
		// then
		assertThat(rows.get(0).consistent()).isFalse();
		assertThat(rows.get(0).fieldCount()).isEqualTo(3);
	}

	private Path write(String content) throws IOException {
		Path file = this.dir.resolve("products.csv");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	private static List<CatalogRow> read(Path file) {
		List<CatalogRow> rows = new ArrayList<>();
		CatalogCsvReader.read(file, rows::add);
		return rows;
	}

}
