package com.usercenter.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBudgetUnitTest {

	private static final long MB = 1024 * 1024;

	@ParameterizedTest
	@CsvSource({ "128, 2", "128, 16", "128, 64", "128, 1", "512, 64", "4096, 4" })
	void whatRunsAtOnceFitsTheHeapWhateverTheCores(long heapMb, int cores) {
		MemoryBudget budget = new MemoryBudget(heapMb * MB, cores);
		long hash = 7_800_000;
		long decode = 20 * MB;

		int hashes = budget.passwordHashes(hash);
		int decodes = budget.imageDecodes(decode);

		assertThat(hashes).isBetween(1, cores);
		assertThat(decodes).isBetween(1, Math.max(1, cores / 2));
		// each kind holds at most half the budget, or one of it where one is more
		assertThat(hashes * hash).isLessThanOrEqualTo(Math.max(budget.workBytes() / 2, hash));
		assertThat(decodes * decode).isLessThanOrEqualTo(Math.max(budget.workBytes() / 2, decode));
		assertThat(hashes * hash + decodes * decode).as("never more than a third of the heap")
			.isLessThanOrEqualTo(Math.max(heapMb * MB / 3, hash + decode));
	}

	@ParameterizedTest
	@CsvSource({ "16", "64" })
	void moreCoresDoNotMeanMoreMemory(int cores) {
		MemoryBudget many = new MemoryBudget(128 * MB, cores);
		MemoryBudget two = new MemoryBudget(128 * MB, 2);

		assertThat(many.passwordHashes(7_800_000)).isEqualTo(two.passwordHashes(7_800_000));
		assertThat(many.imageDecodes(20 * MB)).isEqualTo(two.imageDecodes(20 * MB));
	}

	@ParameterizedTest
	@CsvSource({ "2, 2, 1", "4, 4, 2", "16, 16, 8" })
	void aLargeHeapUsesTheCores(int cores, int hashes, int decodes) {
		MemoryBudget budget = new MemoryBudget(8192 * MB, cores);

		assertThat(budget.passwordHashes(7_800_000)).isEqualTo(hashes);
		assertThat(budget.imageDecodes(20 * MB)).isEqualTo(decodes);
	}

}
