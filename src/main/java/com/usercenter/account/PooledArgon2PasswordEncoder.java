package com.usercenter.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id from Bouncy Castle, in the encoding of Spring Security's
 * {@code Argon2PasswordEncoder} ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$hash}, so
 * either reads what the other wrote), with the hashes' 1 KiB memory blocks taken from a
 * pool instead of allocated for every hash. Without the pool each sign-in leaves 7 MiB of
 * garbage that lives as long as the hash runs, which a small heap can only copy and
 * promote; with it, hashing allocates almost nothing. The pool keeps the blocks of as
 * many hashes as the memory budget lets run at once and gives them back when the heap
 * needs room ({@link ReleasingBlockPool}). Stored hashes with other parameters are
 * checked with their own, up to {@link #MAX_MEMORY_KIB}: a stored value never makes one
 * check cost more than the budget allows.
 */
class PooledArgon2PasswordEncoder implements PasswordEncoder {

	private static final String PREFIX = "$argon2id$v=19$";

	/**
	 * The most memory a stored hash may ask for (Spring Security 5.8's default, 16 MiB);
	 * one asking for more does not match.
	 */
	static final int MAX_MEMORY_KIB = 16 * 1024;

	private final SecureRandom random = new SecureRandom();

	private final int saltBytes;

	private final int hashBytes;

	private final int lanes;

	private final int memoryKib;

	private final int iterations;

	private final ReleasingBlockPool pool;

	/**
	 * @param concurrent how many hashes run at once at most: the pool keeps at most their
	 * blocks
	 */
	PooledArgon2PasswordEncoder(int saltBytes, int hashBytes, int lanes, int memoryKib, int iterations,
			int concurrent) {
		this.saltBytes = saltBytes;
		this.hashBytes = hashBytes;
		this.lanes = lanes;
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.pool = new ReleasingBlockPool(concurrent * Argon2BytesGenerator.getBlockCount(memoryKib, lanes));
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[this.saltBytes];
		this.random.nextBytes(salt);
		byte[] hash = hash(rawPassword, salt, this.memoryKib, this.iterations, this.lanes, this.hashBytes);
		Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
		return PREFIX + "m=" + this.memoryKib + ",t=" + this.iterations + ",p=" + this.lanes + "$"
				+ base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith(PREFIX)) {
			return false;
		}
		String[] parts = encodedPassword.substring(PREFIX.length()).split("\\$");
		if (parts.length != 3) {
			return false;
		}
		try {
			int memory = 0;
			int passes = 0;
			int parallelism = 0;
			for (String parameter : parts[0].split(",")) {
				int value = Integer.parseInt(parameter.substring(2));
				switch (parameter.substring(0, 2)) {
					case "m=" -> memory = value;
					case "t=" -> passes = value;
					case "p=" -> parallelism = value;
					default -> {
						return false;
					}
				}
			}
			byte[] salt = Base64.getDecoder().decode(parts[1]);
			byte[] expected = Base64.getDecoder().decode(parts[2]);
			if (memory < 8 || memory > MAX_MEMORY_KIB || passes < 1 || passes > 100 || parallelism < 1
					|| parallelism > 16 || expected.length == 0 || expected.length > 1024) {
				return false;
			}
			byte[] actual = hash(rawPassword, salt, memory, passes, parallelism, expected.length);
			return MessageDigest.isEqual(expected, actual);
		}
		catch (IllegalArgumentException | StringIndexOutOfBoundsException ex) {
			return false;
		}
	}

	/**
	 * The heap one hash holds while it runs: its blocks (1 KiB of longs each) and more.
	 */
	static long bytesPerHash(int memoryKib) {
		return memoryKib * 1088L;
	}

	ReleasingBlockPool pool() {
		return this.pool;
	}

	private byte[] hash(CharSequence password, byte[] salt, int memory, int passes, int parallelism, int length) {
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(
				new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
					.withSalt(salt)
					.withMemoryAsKB(memory)
					.withIterations(passes)
					.withParallelism(parallelism)
					.withBlockPool(this.pool)
					.build());
		byte[] hash = new byte[length];
		generator.generateBytes(password.toString().getBytes(StandardCharsets.UTF_8), hash);
		return hash;
	}

}
