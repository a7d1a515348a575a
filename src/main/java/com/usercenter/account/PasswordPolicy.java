package com.usercenter.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * 8-64 characters with at least one letter and one digit, and not a common password. What
 * the client sends is the password: old clients send an MD5 hex of it, which passes as
 * any other string.
 */
@Component
class PasswordPolicy {

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	void check(String password) {
		if (!acceptable(password)) {
			throw new ApiException(ErrorCode.PASSWORD_POLICY);
		}
	}

	boolean acceptable(String password) {
		if (password == null || password.length() < 8 || password.length() > 64) {
			return false;
		}
		boolean letter = password.codePoints().anyMatch(Character::isLetter);
		boolean digit = password.chars().anyMatch((c) -> c >= '0' && c <= '9');
		return letter && digit && !this.common.contains(password.toLowerCase(Locale.ROOT));
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				new ClassPathResource("account/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach(words::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}

}
