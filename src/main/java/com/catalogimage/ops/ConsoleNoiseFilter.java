package com.catalogimage.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps framework error reports off the console: Spring Batch's (a stack trace per failed worker and chunk), Spring's
 * transaction interceptor's (a rollback that failed too, as when a connection broke), and Spring's for a context that
 * could not start (the database locked by another run, say). They still go to the log file. The console already says
 * what failed, once, in words: the job's "Failing the job" line and the command's closing "error:" lines name the
 * root cause.
 */
public class ConsoleNoiseFilter extends Filter<ILoggingEvent> {

	@Override
	public FilterReply decide(ILoggingEvent event) {
		String logger = event.getLoggerName();
		if ((logger.startsWith("org.springframework.batch") || logger.startsWith("org.springframework.transaction"))
				&& event.getLevel() == Level.ERROR) {
			return FilterReply.DENY;
		}
		// the context logs under its own class: ...context.support, or ...context.annotation for ours
		if (logger.equals("org.springframework.boot.SpringApplication")
				|| logger.startsWith("org.springframework.context.")) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

}
