package com.catalogimage.simulator;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's fault switches, set from {@link SimulatorProperties.Faults} at start and changeable while it runs
 * (in-process tests call the setters through {@link SimulatorServer#faults()}; {@code POST /_sim/reset} clears them).
 * Thread-safe: every field is read once per request.
 */
public final class SimulatorFaults {

	/** What the dice decided for one request. */
	enum Fault {

		NONE, RATE_LIMITED, INTERNAL, OVERLOADED, TIMEOUT, TRUNCATED, MALFORMED, NO_IMAGE

	}

	/** The systemic errors {@code systemic-status} can name. */
	public static final List<String> SYSTEMIC_STATUSES = List.of("401", "403", "404", "key-invalid");

	private final long seed;

	private volatile double[] rates = new double[7];

	private volatile Duration timeoutDelay;

	private volatile Duration retryDelay;

	private volatile @Nullable String blockWord;

	private volatile @Nullable String blankWord;

	private volatile int systemicAfter;

	private volatile String systemicStatus;

	private final AtomicLong requestsSinceSystemicSet = new AtomicLong();

	SimulatorFaults(long seed, SimulatorProperties.Faults faults) {
		this.seed = seed;
		this.timeoutDelay = faults.timeoutDelay();
		this.retryDelay = faults.retryDelay();
		this.systemicStatus = "401";
		apply(faults);
	}

	/** Sets every switch as configured (rates, words, systemic failure), as at start. */
	public void apply(SimulatorProperties.Faults faults) {
		this.rates = new double[] { faults.rate429(), faults.rate500(), faults.rate503(), faults.rateTimeout(),
				faults.rateTruncated(), faults.rateMalformed(), faults.rateNoImage() };
		for (double rate : this.rates) {
			checkRate(rate);
		}
		this.timeoutDelay = faults.timeoutDelay();
		this.retryDelay = faults.retryDelay();
		this.blockWord = emptyToNull(faults.blockWord());
		this.blankWord = emptyToNull(faults.blankWord());
		setSystemic(faults.systemicAfter(), faults.systemicStatus());
	}

	/** Turns every fault off. */
	public void clear() {
		this.rates = new double[7];
		this.blockWord = null;
		this.blankWord = null;
		clearSystemic();
	}

	public void setRate429(double rate) {
		setRate(0, rate);
	}

	public void setRate500(double rate) {
		setRate(1, rate);
	}

	public void setRate503(double rate) {
		setRate(2, rate);
	}

	public void setRateTimeout(double rate) {
		setRate(3, rate);
	}

	public void setRateTruncated(double rate) {
		setRate(4, rate);
	}

	public void setRateMalformed(double rate) {
		setRate(5, rate);
	}

	public void setRateNoImage(double rate) {
		setRate(6, rate);
	}

	public void setTimeoutDelay(Duration delay) {
		this.timeoutDelay = delay;
	}

	public void setBlockWord(@Nullable String word) {
		this.blockWord = emptyToNull(word);
	}

	public void setBlankWord(@Nullable String word) {
		this.blankWord = emptyToNull(word);
	}

	/**
	 * After {@code requests} more requests (counted from this call), every request fails with the current systemic
	 * status; 0 fails the very next one, -1 switches it off.
	 */
	public void setSystemicAfter(int requests) {
		setSystemic(requests, this.systemicStatus);
	}

	/** As {@link #setSystemicAfter(int)}, with the error to answer: 401, 403, 404 or key-invalid. */
	public void setSystemic(int requests, String status) {
		if (!SYSTEMIC_STATUSES.contains(status)) {
			throw new IllegalArgumentException("systemic-status must be one of " + SYSTEMIC_STATUSES + ", not " + status);
		}
		this.systemicStatus = status;
		this.requestsSinceSystemicSet.set(0);
		this.systemicAfter = requests;
	}

	public void clearSystemic() {
		this.systemicAfter = -1;
	}

	public int systemicAfter() {
		return this.systemicAfter;
	}

	public String systemicStatus() {
		return this.systemicStatus;
	}

	/** Counts a request and says whether it must fail systemically, and with what status. */
	@Nullable String systemicNow() {
		long n = this.requestsSinceSystemicSet.incrementAndGet();
		int after = this.systemicAfter;
		return after >= 0 && n > after ? this.systemicStatus : null;
	}

	/** Rolls the dice for a prompt's n-th request; the same seed, prompt and attempt always give the same fault. */
	Fault draw(String prompt, int attempt) {
		double[] current = this.rates;
		double roll = new SplittableRandom(this.seed * 7_919L + prompt.hashCode() * 131L + attempt * 1_000_003L)
			.nextDouble();
		double threshold = 0;
		Fault[] faults = { Fault.RATE_LIMITED, Fault.INTERNAL, Fault.OVERLOADED, Fault.TIMEOUT, Fault.TRUNCATED,
				Fault.MALFORMED, Fault.NO_IMAGE };
		for (int i = 0; i < faults.length; i++) {
			threshold += current[i];
			if (roll < threshold) {
				return faults[i];
			}
		}
		return Fault.NONE;
	}

	boolean blocks(String prompt) {
		String word = this.blockWord;
		return word != null && prompt.contains(word);
	}

	boolean blanks(String prompt) {
		String word = this.blankWord;
		return word != null && prompt.contains(word);
	}

	Duration timeoutDelay() {
		return this.timeoutDelay;
	}

	Duration retryDelay() {
		return this.retryDelay;
	}

	private void setRate(int index, double rate) {
		checkRate(rate);
		double[] copy = this.rates.clone();
		copy[index] = rate;
		this.rates = copy;
	}

	private static void checkRate(double rate) {
		if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
			throw new IllegalArgumentException("fault rates are probabilities from 0 to 1, not " + rate);
		}
	}

	private static @Nullable String emptyToNull(@Nullable String word) {
		return word == null || word.isEmpty() ? null : word;
	}

}
