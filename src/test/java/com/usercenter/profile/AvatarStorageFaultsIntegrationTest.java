package com.usercenter.profile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The avatar volume full, then read-only: an upload answers 50300, leaves no half-written
 * file, and the user keeps the avatar they had, served as before once the volume is back.
 * The volume is a small tmpfs mounted over the avatar directory for the test, which takes
 * root (CI runs as root).
 */
class AvatarStorageFaultsIntegrationTest extends ApiTestBase {

	@Autowired
	private AvatarSettings settings;

	@Test
	void aFullThenReadOnlyVolumeAnswers50300AndKeepsTheAvatarTheUserHad() throws Exception {
		assumeTrue("root".equals(ProcessHandle.current().info().user().orElse("")), "mounting a volume needs root");
		String token = newUserToken();
		Api.Answer first = upload(token, png(Color.ORANGE));
		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		String avatar = avatarOf(token);
		Path directory = this.settings.directory();
		Files.createDirectories(directory);

		Api.Answer whenFull;
		Api.Answer whenReadOnly;
		List<Path> leftWhenFull;
		String avatarAfter;
		run("mount", "-t", "tmpfs", "-o", "size=64k", "usercenter-avatars-test", directory.toString());
		try {
			// fill the volume to its last block
			run("sh", "-c", "dd if=/dev/urandom of=" + directory.resolve("filler") + " bs=4k 2>/dev/null; true");
			whenFull = upload(token, png(Color.BLUE));
			leftWhenFull = listing(directory);
			run("mount", "-o", "remount,ro", directory.toString());
			whenReadOnly = upload(token, png(Color.GREEN));
			avatarAfter = avatarOf(token);
		}
		finally {
			run("umount", directory.toString());
		}

		assertThat(whenFull.status()).isEqualTo(503);
		assertThat(whenFull.code()).as(whenFull.toString()).isEqualTo(50300);
		assertThat(leftWhenFull).as("no half-written file")
			.extracting((path) -> path.getFileName().toString())
			.containsExactly("filler");
		assertThat(whenReadOnly.code()).as(whenReadOnly.toString()).isEqualTo(50300);
		assertThat(avatarAfter).as("the avatar the user had").isEqualTo(avatar);
		Api.Answer served = api().get(avatar.substring(avatar.indexOf("/api/")));
		assertThat(served.status()).isEqualTo(200);
		assertThat(served.header("Content-Type")).isEqualTo("image/png");
	}

	private Api.Answer upload(String token, byte[] png) {
		return api().send(
				Call.of("POST", "/api/v1/users/me/avatar").multipart("file", "a.png", "image/png", png).bearer(token));
	}

	private String avatarOf(String token) {
		return api().get("/api/v1/users/me", token).data().path("avatar").asString();
	}

	private static List<Path> listing(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	private static byte[] png(Color color) throws Exception {
		BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(color);
		g.fillRect(0, 0, 64, 64);
		g.setColor(Color.WHITE);
		g.drawString(Long.toString(System.nanoTime()), 2, 30);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
	}

}
