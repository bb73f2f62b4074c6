package com.catalogimage.report;

import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ReportTemplateOutputTests {

	private static final String EVIL = "<b a='1'>\"Mug\" & more</b>";

	private static final String ESCAPED = "&lt;b a=&#39;1&#39;&gt;&quot;Mug&quot; &amp; more&lt;/b&gt;";

	@Test
	void escapesAValueTheSameWayInTextAndInAnAttribute() {
		// given
		StringWriter out = new StringWriter();
		ReportTemplateOutput output = new ReportTemplateOutput(out);
		// when
		output.writeContent("<td title=\"");
		output.setContext("td", "title");
		output.writeUserContent(EVIL);
		output.setContext("td", null);
		output.writeContent("\">");
		output.writeUserContent(EVIL);
		output.writeContent("</td>");
		// then: markup as written, both values escaped alike
		assertThat(out).hasToString("<td title=\"" + ESCAPED + "\">" + ESCAPED + "</td>");
	}

	@Test
	void refusesAValueInsideAScriptOrAStyle() {
		for (String tag : new String[] { "script", "style" }) {
			ReportTemplateOutput output = new ReportTemplateOutput(new StringWriter());
			output.setContext(tag, null);
			assertThatIllegalStateException().isThrownBy(() -> output.writeUserContent("x")).withMessageContaining(tag);
		}
	}

}
