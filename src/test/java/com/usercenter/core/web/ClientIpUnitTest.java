package com.usercenter.core.web;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as one address and one network for every per-address and per-network limit:
 * an IPv4 address and its /24; an IPv6 /64 (one subscriber's LAN, any of whose 2^64
 * addresses it may use) and /48 (the most one customer is usually given).
 */
class ClientIpUnitTest {

	@ParameterizedTest
	@CsvSource({ "198.51.100.7, 198.51.100.7", "10.0.0.1, 10.0.0.1", "::ffff:198.51.100.7, 198.51.100.7",
			"2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64", "2001:db8:1:2::ff, 2001:db8:1:2::/64",
			"2001:DB8:1:2:0:0:0:FF, 2001:db8:1:2::/64", "2001:db8:1:3::1, 2001:db8:1:3::/64",
			"0:0:0:0:0:0:0:1, 0:0:0:0::/64", "not-an-address, unknown", "evil.example, unknown", "'', unknown" })
	void anIpv6SubscriberIsOneAddress(String ip, String address) {
		assertThat(ClientIp.address(ip)).isEqualTo(address);
	}

	@ParameterizedTest
	@CsvSource({ "198.51.100.7, 198.51.100.0/24", "198.51.100.250, 198.51.100.0/24", "10.0.0.1, 10.0.0.0/24",
			"::ffff:198.51.100.7, 198.51.100.0/24", "2001:db8:1:2:3:4:5:6, 2001:db8:1::/48",
			"2001:db8:1:ff00::1, 2001:db8:1::/48", "2001:db8:2::1, 2001:db8:2::/48", "0:0:0:0:0:0:0:1, 0:0:0::/48",
			"not-an-address, unknown", "evil.example, unknown" })
	void anIpv6CustomerIsOneNetwork(String ip, String network) {
		assertThat(ClientIp.network(ip)).isEqualTo(network);
	}

	/**
	 * The address as seen is read in one place, and only the records of who did what
	 * (audit events, sessions) take it unkeyed: every limit is left with {@code address},
	 * {@code addressOf}, {@code currentAddress} or {@code currentNetwork}.
	 */
	@Test
	void everyLimitCountsTheKeyedAddress() {
		JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.usercenter");

		noClasses().that()
			.doNotHaveSimpleName("ClientIp")
			.should()
			.callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("getRemoteAddr")))
			.check(main);
		noClasses().that()
			.doNotHaveSimpleName("ClientIp")
			.and()
			.doNotHaveSimpleName("AuditService")
			.and()
			.doNotHaveSimpleName("SessionService")
			.should()
			.callMethod(ClientIp.class, "current")
			.orShould()
			.callMethod(ClientIp.class, "of", HttpServletRequest.class)
			.check(main);
	}

	@Test
	void noAddressIsCountedAsUnknown() {
		assertThat(ClientIp.address(null)).isEqualTo("unknown");
		assertThat(ClientIp.network(null)).isEqualTo("unknown");
	}

}
