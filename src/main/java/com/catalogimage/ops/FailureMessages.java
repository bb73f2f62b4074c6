package com.catalogimage.ops;

import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.catalogimage.provider.LocalWriteException;
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

	/**
	 * The innermost cause's message, except that a file this machine could not write is named with the reason: the
	 * JDK's file exceptions often carry nothing but the path, and a bare path explains nothing.
	 */
	static String rootMessage(Throwable failure) {
		List<Throwable> chain = causeChain(failure);
		for (Throwable cause : chain) {
			if (cause instanceof LocalWriteException local) {
				return local.getMessage();
			}
		}
		Throwable cause = chain.get(chain.size() - 1);
		if (cause instanceof FileSystemException file) {
			String reason = LocalWriteException.reason(file);
			return file.getFile() == null ? reason : file.getFile() + ": " + reason;
		}
		String message = cause.getMessage();
		return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
	}

	/** The failure and its causes, outermost first, each once even where a chain loops back on itself. */
	static List<Throwable> causeChain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

}
