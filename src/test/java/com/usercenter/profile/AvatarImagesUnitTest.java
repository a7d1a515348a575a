package com.usercenter.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AvatarImagesUnitTest {

	@ParameterizedTest
	@CsvSource({ "512, 512", "1024, 1024", "4000, 3000", "7071, 7071", "50000, 1000", "1, 50000000" })
	void whatIsDecodedFitsTheBudgetWhateverTheImageDeclares(int width, int height) {
		int step = AvatarImages.subsampling(width, height, 512);

		long decodedBytes = ((long) width / step) * ((long) height / step) * 4;
		assertThat(decodedBytes).isLessThanOrEqualTo(AvatarImages.DECODE_BUDGET_BYTES);
		assertThat(Math.max(width, height) / step).as("enough pixels left to scale down from")
			.isGreaterThanOrEqualTo(Math.min(512, Math.max(width, height)));
	}

}
