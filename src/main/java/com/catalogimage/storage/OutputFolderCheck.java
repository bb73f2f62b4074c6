package com.catalogimage.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.catalogimage.provider.LocalWriteException;

/**
 * Before the first paid call: can the output folder, and the image cache and work folder inside it, be written? A run
 * that finds out at its first image has already bought it. The check creates the folders and a file in each (then
 * deletes it), because only a write says for sure: permissions, a read-only mount and a file in the way all show.
 */
public final class OutputFolderCheck {

	private OutputFolderCheck() {
	}

	/**
	 * What is wrong, in one sentence naming the folder, or empty when every folder the run writes can be written.
	 * The output folder and the cache folders (where delivered images are decoded) are created; {@code images/} is
	 * checked if it exists, else the output folder's check covers creating it.
	 */
	public static Optional<String> problem(OutputLayout layout) {
		if (Files.exists(layout.root()) && !Files.isDirectory(layout.root())) {
			return Optional.of("the output folder " + layout.root() + " is a file, not a folder (--output)");
		}
		List<Path> folders = Files.exists(layout.images())
				? List.of(layout.root(), layout.images(), layout.cache(), layout.work())
				: List.of(layout.root(), layout.cache(), layout.work());
		for (Path folder : folders) {
			Optional<String> problem = problem(folder, folder.equals(layout.root()) ? "the output folder "
					: "the folder ");
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	private static Optional<String> problem(Path folder, String what) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			return Optional.of("cannot create " + what + folder + ": " + LocalWriteException.reason(ex) + " (--output)");
		}
		try {
			Files.delete(Files.createTempFile(folder, ".write-check-", ".tmp"));
		}
		catch (IOException ex) {
			return Optional.of("cannot write in " + what + folder + ": " + LocalWriteException.reason(ex) + " (--output)");
		}
		return Optional.empty();
	}

}
