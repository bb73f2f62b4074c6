package com.catalogimage.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleNoiseFilterTests {

	private final ConsoleNoiseFilter filter = new ConsoleNoiseFilter();

	private final LoggerContext context = new LoggerContext();

	@Test
	void frameworkStackTracesStayOffTheConsole() {
		// a rollback that failed after the run serving the database ended, and a context that could not start
		assertThat(decide("org.springframework.transaction.interceptor.TransactionInterceptor", Level.ERROR))
			.isEqualTo(FilterReply.DENY);
		assertThat(decide("org.springframework.context.annotation.AnnotationConfigApplicationContext", Level.WARN))
			.isEqualTo(FilterReply.DENY);
		assertThat(decide("org.springframework.batch.core.step.AbstractStep", Level.ERROR)).isEqualTo(FilterReply.DENY);
	}

	@Test
	void theJobsOwnLinesStay() {
		assertThat(decide("com.catalogimage.job.JobOutcomeListener", Level.ERROR)).isEqualTo(FilterReply.NEUTRAL);
		assertThat(decide("com.catalogimage.catalog.CatalogStagingTasklet", Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
	}

	private FilterReply decide(String logger, Level level) {
		LoggingEvent event = new LoggingEvent(logger, this.context.getLogger(logger), level, "message", null, null);
		return this.filter.decide(event);
	}

}
