package com.catalogimage.ops;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import com.catalogimage.batchmode.BatchMode;
import com.catalogimage.batchmode.Deadline;
import com.catalogimage.bench.Design;
import com.catalogimage.image.AspectRatio;
import com.catalogimage.image.ImageSize;
import com.catalogimage.simulator.SimulatorProperties;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How flag values are read and checked. A converter that refuses a value says what the flag needs ("needs a whole
 * number of at least 1"); {@link CommandLineParser} puts the flag and the value around it, so every refusal is one
 * line such as {@code --rpm needs a whole number of at least 1, not '0'}. An empty value is refused as missing,
 * whatever the converter would say: falling back to the default would run the sample catalog, say, for a script whose
 * variable came out empty.
 */
final class FlagValues {

	private FlagValues() {
	}

	/** Text, not blank (every text flag: registered for {@code String}). */
	static final class Text implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			return notBlank(value);
		}

	}

	/** A file or folder, not blank (every path flag: registered for {@code Path}); whether it exists is not checked. */
	static final class FilePath implements ITypeConverter<Path> {

		@Override
		public Path convert(String value) {
			return Path.of(notBlank(value));
		}

	}

	/** {@code --profile NAME|FILE}: the profile's file, found where {@link ProfileFiles} looks. */
	static final class ProfileFile implements ITypeConverter<Path> {

		@Override
		public Path convert(String value) {
			return ProfileFiles.find(notBlank(value));
		}

	}

	static final class PositiveInt implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return (int) wholeNumber(value, 1, Integer.MAX_VALUE);
		}

	}

	static final class NonNegativeInt implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			return (int) wholeNumber(value, 0, Integer.MAX_VALUE);
		}

	}

	static final class PositiveLong implements ITypeConverter<Long> {

		@Override
		public Long convert(String value) {
			return wholeNumber(value, 1, Long.MAX_VALUE);
		}

	}

	/** A TCP port: 0 (any free port) to 65535. */
	static final class Port implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String value) {
			try {
				int port = Integer.parseInt(value);
				if (port >= 0 && port <= 65_535) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// not a number: the same answer as out of range
			}
			throw new TypeConversionException("needs a port number from 0 to 65535");
		}

	}

	static final class PositiveDecimal implements ITypeConverter<BigDecimal> {

		@Override
		public BigDecimal convert(String value) {
			try {
				BigDecimal number = new BigDecimal(value);
				if (number.signum() > 0) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// not a number: the same answer as not positive
			}
			throw new TypeConversionException("needs a positive number");
		}

	}

	/** A decimal number in {@code [min, max]}. */
	abstract static class DecimalRange implements ITypeConverter<Double> {

		private final double min;

		private final double max;

		DecimalRange(double min, double max) {
			this.min = min;
			this.max = max;
		}

		@Override
		public Double convert(String value) {
			try {
				double number = Double.parseDouble(value);
				if (number >= this.min && number <= this.max) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// not a number: the same answer as out of range
			}
			throw new TypeConversionException("needs a number from " + this.min + " to " + this.max);
		}

	}

	/** A duration as a profile writes it ({@code 10m}, {@code 90s}, {@code PT1H}), not negative. */
	static final class NonNegativeDuration implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			try {
				Duration duration = DurationStyle.detectAndParse(value);
				if (!duration.isNegative()) {
					return duration;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a duration: the same answer as a negative one
			}
			throw new TypeConversionException("needs a duration such as 10m or 90s");
		}

	}

	/** A duration as a profile writes it, more than zero. */
	static final class PositiveDuration implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				Duration duration = DurationStyle.detectAndParse(value);
				if (!duration.isNegative() && !duration.isZero()) {
					return value;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a duration: the same answer as zero
			}
			throw new TypeConversionException("needs a duration such as 60s or 5m");
		}

	}

	/** {@code --deadline}: one of the forms {@link Deadline} reads, kept as typed (it is resolved when the run starts). */
	static final class Deadlines implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			if (!Deadline.isValid(value)) {
				throw new TypeConversionException("needs " + Deadline.FORMS);
			}
			return value;
		}

	}

	/** A probability. */
	static final class Share extends DecimalRange {

		Share() {
			super(0, 1);
		}

	}

	static final class TimeScale extends DecimalRange {

		TimeScale() {
			super(0, 1000);
		}

	}

	static final class Sigma extends DecimalRange {

		Sigma() {
			super(0, 3);
		}

	}

	/**
	 * One of a fixed set of words. Also the set shell completion offers ({@code completionCandidates}), so the script
	 * and the check cannot disagree.
	 */
	abstract static class Choice implements ITypeConverter<String>, Iterable<String> {

		private final List<String> allowed;

		Choice(List<String> allowed) {
			this.allowed = List.copyOf(allowed);
		}

		@Override
		public String convert(String value) {
			if (!this.allowed.contains(value)) {
				throw new TypeConversionException("must be one of " + String.join(", ", this.allowed));
			}
			return value;
		}

		@Override
		public Iterator<String> iterator() {
			return this.allowed.iterator();
		}

	}

	static final class Providers extends Choice {

		Providers() {
			super(List.of("simulator", "gemini", "openai"));
		}

	}

	/** {@code run --workers}: in this process, or in worker processes behind a broker. */
	static final class WorkerPlaces extends Choice {

		WorkerPlaces() {
			super(List.of(Commands.LOCAL, Commands.REMOTE));
		}

	}

	/** A broker's URL as Artemis reads it: {@code tcp://HOST:PORT}, optionally with {@code ?settings}. */
	static final class BrokerUrl implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			if (!value.matches("tcp://[^\\s:/?]+:\\d{1,5}(\\?\\S*)?")) {
				throw new TypeConversionException("needs tcp://HOST:PORT");
			}
			return value;
		}

	}

	static final class Modes extends Choice {

		Modes() {
			super(BatchMode.words());
		}

	}

	static final class Sizes extends Choice {

		Sizes() {
			super(Arrays.stream(ImageSize.values()).map(ImageSize::wire).toList());
		}

	}

	static final class AspectRatios extends Choice {

		AspectRatios() {
			super(AspectRatio.ALL);
		}

	}

	static final class Payloads extends Choice {

		Payloads() {
			super(List.of("small", "realistic"));
		}

	}

	static final class Renders extends Choice {

		Renders() {
			super(List.of(SimulatorProperties.RENDER_PER_REQUEST, SimulatorProperties.RENDER_ONCE));
		}

	}

	static final class SystemicStatuses extends Choice {

		SystemicStatuses() {
			super(List.of("401", "403", "404", "key-invalid"));
		}

	}

	/** One design, several separated by commas, or {@code all}. */
	static final class Designs extends Choice {

		Designs() {
			super(Design.choices());
		}

		@Override
		public String convert(String value) {
			String[] labels = value.split(",", -1);
			for (String label : labels) {
				super.convert(label);
				if (labels.length > 1 && "all".equals(label)) {
					throw new TypeConversionException("all stands alone, without other designs");
				}
			}
			return value;
		}

	}

	/** {@code true} or {@code false}, written so: the property Spring reads takes the same words. */
	static final class TrueOrFalse implements ITypeConverter<Boolean>, Iterable<String> {

		private final Choice words = new Choice(List.of("true", "false")) {
		};

		@Override
		public Boolean convert(String value) {
			return Boolean.valueOf(this.words.convert(value));
		}

		@Override
		public Iterator<String> iterator() {
			return this.words.iterator();
		}

	}

	/** Accepts a whole number in {@code [min, max]}. */
	private static long wholeNumber(String value, long min, long max) {
		try {
			long number = Long.parseLong(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// out of range or not a number: the same answer as too small
		}
		throw new TypeConversionException("needs a whole number of at least " + min);
	}

	private static String notBlank(String value) {
		if (value.isBlank()) {
			throw new TypeConversionException("needs a value");
		}
		return value;
	}

}
