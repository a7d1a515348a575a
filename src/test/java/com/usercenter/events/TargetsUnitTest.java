package com.usercenter.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which targets a webhook may have ({@link Targets}), in every spelling of an internal
 * address, and the resolver that checks every address a name gives before the connection
 * uses it ({@link GuardedDnsResolver}).
 */
class TargetsUnitTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/hook", "https://127.0.0.1:8443/hook", "http://hooks.example.com/hook",
			"https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[::ffff:7f00:1]/hook",
			"https://[::127.0.0.1]/hook", "https://0x7f.1/hook", "https://0x7F000001/hook", "https://2130706433/hook",
			"https://017700000001/hook", "https://127.1/hook", "https://0177.0.0.1/hook",
			"https://169.254.169.254/latest/meta-data/", "https://[::ffff:169.254.169.254]/", "https://10.1.2.3/",
			"https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.1.1/", "https://100.64.0.1/",
			"https://100.127.255.254/", "https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[fe80::1]/",
			"https://[fe80::1%25eth0]/", "https://224.0.0.1/", "https://239.255.255.250/", "https://[ff02::1]/",
			"https://0.0.0.0/", "https://0/", "https://[::]/", "https://0.1.2.3/", "https://255.255.255.255/",
			"https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/", "https://localhost/", "https://LOCALHOST./",
			"https://api.localhost/", "https://999.1.1.1/", "https://1.2.3.4.5/", "https://user@hooks.example.com/",
			"https://hooks.example.com/#fragment", "hooks.example.com/hook", "https://", "mailto:ops@example.com" })
	void internalOrMalformedTargetsAreRefused(String url) {
		assertThat(Targets.refusal(url, false)).as(url).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://hooks.example.com/user-center", "https://hooks.example.com:8443/a?b=c",
			"https://93.184.216.34/hook", "https://[2606:4700:4700::1111]/hook", "https://3com.example/hook",
			"https://xn--fiqs8s.example/hook", "https://172.32.0.1/", "https://100.128.0.1/",
			"https://HOOKS.Example.COM./x" })
	void publicTargetsAreAccepted(String url) {
		assertThat(Targets.refusal(url, false)).as(url).isNull();
	}

	@Test
	void insecureTargetsAreAcceptedOnlyWhenAllowed() {
		assertThat(Targets.refusal("http://127.0.0.1:8080/hook", true)).isNull();
		assertThat(Targets.refusal("http://127.0.0.1:8080/hook", false)).isNotNull();
		assertThat(Targets.refusal("ftp://127.0.0.1/hook", true)).isNotNull();
	}

	@Test
	void everySpellingOfLoopbackIsOneAddress() throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");

		for (String spelling : new String[] { "0x7f.1", "2130706433", "017700000001", "127.1", "0x7f.0.0.1",
				"0177.0.0.01" }) {
			assertThat(Targets.literal(spelling)).as(spelling).isEqualTo(loopback);
		}
		assertThat(Targets.literal("hooks.example.com")).isNull();
		assertThat(Targets.literal("3com.example")).isNull();
	}

	@Test
	void theResolverRefusesANameWithAnyInternalAddress() {
		GuardedDnsResolver resolver = new GuardedDnsResolver(
				(host) -> new InetAddress[] { address("93.184.216.34"), address("10.0.0.7") }, false);

		assertThatExceptionOfType(GuardedDnsResolver.RefusedTarget.class)
			.isThrownBy(() -> resolver.resolve("mixed.example.com", 443))
			.withMessageContaining("10.0.0.7");
	}

	@Test
	void theResolverAnswersTheAddressesItCheckedFromOneLookup() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		GuardedDnsResolver resolver = new GuardedDnsResolver((host) -> {
			lookups.incrementAndGet();
			return new InetAddress[] { address("93.184.216.34") };
		}, false);

		assertThat(resolver.resolve("hooks.example.com", 443)).extracting((socket) -> socket.getAddress())
			.containsExactly(address("93.184.216.34"));
		assertThat(lookups).hasValue(1);
	}

	@Test
	void theResolverReadsIpLiteralsItselfAndChecksThem() {
		AtomicInteger lookups = new AtomicInteger();
		GuardedDnsResolver resolver = new GuardedDnsResolver((host) -> {
			lookups.incrementAndGet();
			return new InetAddress[] { address("93.184.216.34") };
		}, false);

		for (String literal : new String[] { "127.0.0.1", "[::1]", "0x7f.1", "2130706433", "[::ffff:127.0.0.1]" }) {
			assertThatExceptionOfType(GuardedDnsResolver.RefusedTarget.class).as(literal)
				.isThrownBy(() -> resolver.resolve(literal));
		}
		assertThat(lookups).hasValue(0);
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
