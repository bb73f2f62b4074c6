package com.catalogimage.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedRejectionsTests {

	private static final String SIZE = "Invalid value: '1792x1024'. Supported values are: '1024x1024', '1024x1536'.";

	@Test
	void theSameRejectionForTheLimitsWorthOfProductsInARowIsAConfigurationError() {
		RepeatedRejections rejections = new RepeatedRejections(3);
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isTrue();
	}

	@Test
	void anImageInBetweenOrADifferentRejectionStartsTheSeriesAgain() {
		RepeatedRejections rejections = new RepeatedRejections(3);
		rejections.rejected("400 invalid_value", SIZE);
		rejections.rejected("400 invalid_value", SIZE);
		rejections.succeeded();
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
		assertThat(rejections.rejected("400 INVALID_ARGUMENT", "The prompt of this product is too long")).isFalse();
		assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
	}

	@Test
	void aLimitOfZeroNeverCallsItAConfigurationError() {
		RepeatedRejections rejections = new RepeatedRejections(0);
		for (int i = 0; i < 100; i++) {
			assertThat(rejections.rejected("400 invalid_value", SIZE)).isFalse();
		}
	}

}
