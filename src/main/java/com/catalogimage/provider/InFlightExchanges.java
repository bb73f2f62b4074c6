package com.catalogimage.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP exchanges under way, so a shutdown can abandon them without interrupting threads (an interrupt can close a
 * database file channel under H2). Abandoning cancels an exchange still waiting for its headers and closes the body
 * stream of one being read; the calling thread then sees a failure and, the gate being closed, leaves its product
 * PENDING.
 */
public final class InFlightExchanges {

	/** One exchange: its future until headers arrive, then its body stream. */
	public static final class Exchange implements AutoCloseable {

		private final InFlightExchanges owner;

		private volatile @Nullable CompletableFuture<?> future;

		private volatile @Nullable InputStream body;

		private volatile boolean abandoned;

		private Exchange(InFlightExchanges owner) {
			this.owner = owner;
		}

		void waiting(CompletableFuture<?> future) {
			this.future = future;
			if (this.abandoned) {
				future.cancel(true);
			}
		}

		void reading(InputStream body) {
			this.body = body;
			if (this.abandoned) {
				closeQuietly(body);
			}
		}

		public boolean abandoned() {
			return this.abandoned;
		}

		void abandon() {
			this.abandoned = true;
			CompletableFuture<?> waiting = this.future;
			if (waiting != null) {
				waiting.cancel(true);
			}
			InputStream stream = this.body;
			if (stream != null) {
				closeQuietly(stream);
			}
		}

		@Override
		public void close() {
			this.owner.exchanges.remove(this);
		}

	}

	private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();

	public Exchange open() {
		Exchange exchange = new Exchange(this);
		this.exchanges.add(exchange);
		return exchange;
	}

	public int count() {
		return this.exchanges.size();
	}

	/** Abandons every exchange under way; returns how many there were. */
	public int abandonAll() {
		int count = 0;
		for (Exchange exchange : this.exchanges) {
			exchange.abandon();
			count++;
		}
		return count;
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ignored) {
			// closing is the point; the reader reports the failure
		}
	}

}
