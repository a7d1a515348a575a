package com.usercenter;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Features depend on each other only through their public top-level types, and never in a
 * cycle.
 */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(UserCenterApplication.class).verify();
	}

}
