package com.usercenter.profile;

import java.util.Map;
import java.util.stream.Stream;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvatarImagesUnitTest {

	@ParameterizedTest
	@CsvSource({ "512, 512, 4", "1024, 1024, 4", "4000, 3000, 3", "7071, 7071, 8", "16384, 3000, 4", "3000, 16384, 6",
			"2000, 2000, 3", "16384, 16384, 1" })
	void whatIsDecodedFitsTheBudgetWhateverTheImageDeclares(int width, int height, int pixelBytes) {
		int step = AvatarImages.subsampling(width, height, pixelBytes, 512);

		long decodedBytes = ((long) width / step) * ((long) height / step) * pixelBytes;
		assertThat(decodedBytes).isLessThanOrEqualTo(AvatarImages.DECODE_BUDGET_BYTES);
		assertThat(Math.max(width, height) / step).as("enough pixels left to scale down from")
			.isGreaterThanOrEqualTo(Math.min(512, Math.max(width, height)));
	}

	static Stream<Arguments> worstShapes() {
		return TestImages.worstShapes()
			.entrySet()
			.stream()
			.map((shape) -> Arguments.of(shape.getKey(), shape.getValue()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("worstShapes")
	void eachFormatAtItsWorstShapeIsRefusedBeforeAnyDecoderSeesIt(String shape, byte[] image) {
		assertThat(image.length).as("a small file").isLessThan(8 * 1024);
		long started = System.nanoTime();

		assertThatThrownBy(() -> AvatarImages.normalize(image, 512)).isInstanceOfSatisfying(ApiException.class,
				(refused) -> assertThat(refused.errorCode()).isIn(ErrorCode.INVALID_REQUEST,
						ErrorCode.UNSUPPORTED_MEDIA_TYPE));
		assertThat(System.nanoTime() - started).as("nothing was decoded").isLessThan(1_000_000_000L);
	}

	@Test
	void ordinaryImagesOfEveryKindStillPass() {
		Map<String, byte[]> images = Map.of("baseline JPEG", TestImages.jpeg(1200, 900, false), "progressive JPEG",
				TestImages.jpeg(1200, 900, true), "16-bit interlaced PNG", sixteenBitInterlacedPng(600, 400),
				"8-bit PNG", TestImages.blackPng(2000, 2000), "lossless WebP",
				java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="));

		images.forEach((kind, image) -> assertThat(AvatarImages.normalize(image, 512)).as(kind).isNotEmpty());
	}

	@Test
	void headersDeclareWhatTheDecoderWouldHold() {
		ImageHeader png = ImageHeader.read(TestImages.png(44_000_000, 1, 16, 2, 0), "png");
		ImageHeader progressive = ImageHeader.read(TestImages.jpegDeclaring(4000, 3000, true), "jpeg");
		ImageHeader webp = ImageHeader.read(TestImages.webpLossless(1000, 2000), "webp");

		assertThat(png.rowBytes()).isEqualTo(44_000_000L * 6);
		assertThat(progressive.width()).isEqualTo(4000);
		assertThat(progressive.wholeImageBytes()).isEqualTo(4000L * 3000 * 3 * 2);
		assertThat(webp.width()).isEqualTo(1000);
		assertThat(webp.height()).isEqualTo(2000);
		assertThat(ImageHeader.read(TestImages.jpeg(64, 64, false), "jpeg").wholeImageBytes()).isZero();
	}

	@Test
	void aBaselinePhotoWithAThumbnailIsNotTakenForAMultiScanImage() {
		byte[] photo = TestImages.jpeg(64, 48, false);
		// an APP1 segment holding a small JPEG of its own, as EXIF thumbnails are
		byte[] thumbnail = TestImages.jpeg(8, 8, false);
		byte[] withThumbnail = new byte[photo.length + 4 + thumbnail.length];
		withThumbnail[0] = (byte) 0xFF;
		withThumbnail[1] = (byte) 0xD8;
		withThumbnail[2] = (byte) 0xFF;
		withThumbnail[3] = (byte) 0xE1;
		withThumbnail[4] = (byte) ((thumbnail.length + 2) >> 8);
		withThumbnail[5] = (byte) (thumbnail.length + 2);
		System.arraycopy(thumbnail, 0, withThumbnail, 6, thumbnail.length);
		System.arraycopy(photo, 2, withThumbnail, 6 + thumbnail.length, photo.length - 2);

		ImageHeader header = ImageHeader.read(withThumbnail, "jpeg");

		assertThat(header.width()).isEqualTo(64);
		assertThat(header.wholeImageBytes()).isZero();
		assertThat(ImageHeader.read(TestImages.jpeg(64, 48, true), "jpeg").wholeImageBytes()).isPositive();
		assertThat(AvatarImages.normalize(withThumbnail, 512)).isNotEmpty();
	}

	private static byte[] sixteenBitInterlacedPng(int width, int height) {
		var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
		var out = new java.io.ByteArrayOutputStream();
		try {
			javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
			javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
			param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
			try (var stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
				writer.setOutput(stream);
				writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
			}
			writer.dispose();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
