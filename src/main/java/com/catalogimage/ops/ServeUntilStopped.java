package com.catalogimage.ops;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The loop of the commands that serve something on 127.0.0.1 ({@code simulate}, {@code broker}): start it, or say in
 * one line why it cannot listen (a taken port: exit 64), announce it, then serve until the process is stopped
 * (SIGTERM, Ctrl-C: the shutdown hook stops it) or the calling thread is interrupted.
 */
final class ServeUntilStopped {

	private ServeUntilStopped() {
	}

	/**
	 * A server that listens: the line that announces it (where, how to use it, how to stop it) and how to stop it.
	 */
	record Served(String announcement, Runnable stop) {
	}

	/**
	 * @param start starts the server; throws {@link UsageException} with the line to show when it cannot listen
	 * @param hookName the name of the shutdown hook's thread
	 * @return 0 once stopped, 64 when it could not listen
	 */
	static int serve(Supplier<Served> start, String hookName, PrintStream out, PrintStream err) {
		Served served;
		try {
			served = start.get();
		}
		catch (UsageException ex) {
			err.println("error: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		try {
			Thread hook = new Thread(() -> {
				served.stop().run();
				stopped.countDown();
			}, hookName);
			Runtime.getRuntime().addShutdownHook(hook);
			out.println(served.announcement());
			out.flush();
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				Runtime.getRuntime().removeShutdownHook(hook);
			}
		}
		finally {
			served.stop().run();
		}
		return ExitCodes.COMPLETED;
	}

}
