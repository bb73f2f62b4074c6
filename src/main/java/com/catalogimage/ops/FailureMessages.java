package com.catalogimage.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Turns a failed execution into the few lines a user needs: the root cause of each failure, without Spring Batch's
 * wrapping ("Unable to process chunk", "Partition handler returned an unsuccessful step").
 */
final class FailureMessages {

	private static final int MAX_LINES = 3;

	private FailureMessages() {
	}

	static List<String> of(JobExecution execution) {
		Set<String> messages = new LinkedHashSet<>();
		for (StepExecution step : execution.getStepExecutions()) {
			for (Throwable failure : step.getFailureExceptions()) {
				messages.add(rootMessage(failure));
			}
		}
		for (Throwable failure : execution.getFailureExceptions()) {
			messages.add(rootMessage(failure));
		}
		messages.removeIf(message -> message.startsWith("Partition handler returned an unsuccessful step"));
		List<String> lines = new ArrayList<>(messages);
		return lines.subList(0, Math.min(MAX_LINES, lines.size()));
	}

	static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		Set<Throwable> seen = new java.util.HashSet<>();
		while (cause.getCause() != null && seen.add(cause)) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
	}

}
