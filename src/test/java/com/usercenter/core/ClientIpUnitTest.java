package com.usercenter.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpUnitTest {

	@ParameterizedTest
	@CsvSource({ "198.51.100.7, 198.51.100.0/24", "198.51.100.250, 198.51.100.0/24", "10.0.0.1, 10.0.0.0/24",
			"2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64", "2001:db8:1:2::ff, 2001:db8:1:2::/64",
			"0:0:0:0:0:0:0:1, 0:0:0:0::/64", "not-an-address, unknown", "evil.example, unknown" })
	void addressesCountWithTheirNetwork(String ip, String network) {
		assertThat(ClientIp.network(ip)).isEqualTo(network);
	}

}
