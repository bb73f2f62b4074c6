package com.catalogimage.catalog;

import java.io.IOException;
import java.nio.charset.Charset;
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
	void unterminatedQuoteFailsNamingTheFileAndTheLineWhereTheRowStarts() throws IOException {
		// given
		Path file = write("sku,name\nA-1,Mug\nB-2,\"Bowl\nC-3,Cup\n");
		// when / then: the message is the whole story (no parser exception below it for the console to show instead)
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessageStartingWith(file + ": line 3: a quoted value that starts in this row is never closed")
			.hasNoCause();
	}

	@Test
	void textAfterAClosingQuoteFailsNamingTheFileAndLine() throws IOException {
		// given
		Path file = write("sku,name\nA-1,Mug\nB-2,\"Bowl\" large,x\n");
		// when / then
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessageStartingWith(file + ": line 3: text follows the closing quote of a quoted value");
	}

	@Test
	void aValueThatIsNotUtf8MarksItsRowAndTheOtherRowsReadAsUtf8() throws IOException {
		// given: one Windows-1252 byte (é) in row 3's name, real UTF-8 around it, and a BOM
		Path file = writeBytes(bytes("\uFEFFsku,name,description\nA-1,Ærø mug,\"Red, 350 ml\"\nA-2,Caf"),
				new byte[] { (byte) 0xE9 }, bytes(" cup,Blue\nA-3,Bowl,\"two\nlines\"\nA-4,Jug,Green\n"));
		// when
		List<CatalogRow> rows = read(file);
		// then
		assertThat(rows).extracting(CatalogRow::line).containsExactly(2L, 3L, 4L, 6L);
		assertThat(rows.get(0).get("name")).isEqualTo("Ærø mug");
		assertThat(rows.get(0).get("description")).isEqualTo("Red, 350 ml");
		assertThat(rows.get(0).notUtf8()).isNull();
		assertThat(rows.get(1).notUtf8()).isEqualTo(new CatalogRow.NotUtf8("name", "byte 0xE9 after 'Caf'"));
		assertThat(rows.get(1).get("sku")).isEqualTo("A-2");
		assertThat(rows.get(2).get("description")).isEqualTo("two\nlines");
		assertThat(rows.get(3).notUtf8()).isNull();
	}

	@Test
	void aFileThatIsMostlyNotUtf8FailsOnceNamingTheFileAndTheFirstBadLine() throws IOException {
		// given: what Excel's plain "CSV" writes for a French catalog (Windows-1252)
		Path file = this.dir.resolve("products.csv");
		Files.writeString(file, "sku,name\nA-1,Tasse à café\nA-2,Bol\nA-3,Théière\n", Charset.forName("windows-1252"));
		// when / then
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessage(file + " is not UTF-8: 2 of its 3 lines after the header hold bytes that are not, the first on"
					+ " line 2 (byte 0xE0 after 'A-1,Tasse '); it looks like a Latin-1 or Windows-1252 export: save the"
					+ " catalog as UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\")");
	}

	@Test
	void aHeaderThatIsNotUtf8FailsNamingLineOne() throws IOException {
		// given
		Path file = writeBytes(bytes("sku,name,descripci"), new byte[] { (byte) 0xF3 }, bytes("n\nA-1,Mug,Red\n"));
		// when / then
		assertThatThrownBy(() -> read(file)).isInstanceOf(CatalogFormatException.class)
			.hasMessageStartingWith(file + ": the header on line 1 is not UTF-8 (byte 0xF3 after 'descripci')");
	}

	@Test
	void bytesThatAreNotUtf8InAColumnTheJobDoesNotReadLeaveTheRowAlone() throws IOException {
		// given: an extra 'notes' column with a Windows-1252 byte, and one past the header
		Path file = writeBytes(bytes("sku,name,notes\nA-1,Mug,caf"), new byte[] { (byte) 0xE9 },
				bytes("\nA-2,Cup,,"), new byte[] { (byte) 0xFF }, bytes("\nA-3,Jug,\nA-4,Bowl,\nA-5,Vase,\n"));
		// when
		List<CatalogRow> rows = read(file);
		// then
		assertThat(rows.get(0).notUtf8()).isNull();
		assertThat(rows.get(0).consistent()).isTrue();
		assertThat(rows.get(1).notUtf8()).isNull();
		assertThat(rows.get(1).fieldCount()).as("ragged, which the validator rejects").isEqualTo(4);
	}

	private Path write(String content) throws IOException {
		Path file = this.dir.resolve("products.csv");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	private Path writeBytes(byte[]... parts) throws IOException {
		Path file = this.dir.resolve("products.csv");
		java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			content.writeBytes(part);
		}
		Files.write(file, content.toByteArray());
		return file;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<CatalogRow> read(Path file) {
		List<CatalogRow> rows = new ArrayList<>();
		CatalogCsvReader.read(file, rows::add);
		return rows;
	}

}
