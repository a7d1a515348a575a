package com.usercenter.core;

import org.springframework.stereotype.Component;

/**
 * How much memory-heavy work may run at once, from one budget: a share of the heap
 * ({@link Runtime#maxMemory()}), whatever the number of cores. A pool sized from the
 * cores alone holds more memory on a bigger machine while the heap stays the same (the
 * image runs with 128 MB on any host), so each pool asks here instead: its concurrency is
 * what its cores would use, but never more than fits its share of the budget, and at
 * least one.
 */
@Component
public class MemoryBudget {

	/**
	 * The part of the heap that memory-heavy work (password hashes, image decodes) may
	 * hold at once; the rest is the service's live set under load and the collector's
	 * room. 128 MB leaves about 35 MB: two hashes and one decode.
	 */
	static final double WORK_SHARE = 0.3;

	private final long heapBytes;

	private final int cores;

	public MemoryBudget() {
		this(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
	}

	public MemoryBudget(long heapBytes, int cores) {
		this.heapBytes = heapBytes;
		this.cores = Math.max(1, cores);
	}

	/** The bytes all memory-heavy work together may hold at once. */
	public long workBytes() {
		return (long) (this.heapBytes * WORK_SHARE);
	}

	/**
	 * Password hashes at once: one a core (a hash is pure CPU, more would not finish
	 * sooner), within half the budget.
	 */
	public int passwordHashes(long bytesEach) {
		return fit(this.cores, bytesEach);
	}

	/**
	 * Image decodes at once: one per two cores (the other cores stay with everyone else),
	 * within the other half of the budget.
	 */
	public int imageDecodes(long bytesEach) {
		return fit(Math.max(1, this.cores / 2), bytesEach);
	}

	private int fit(int byCores, long bytesEach) {
		long byMemory = (workBytes() / 2) / Math.max(1, bytesEach);
		return (int) Math.max(1, Math.min(byCores, byMemory));
	}

	@Override
	public String toString() {
		return "MemoryBudget[heap=" + (this.heapBytes >> 20) + " MB, work=" + (workBytes() >> 20) + " MB, cores="
				+ this.cores + "]";
	}

}
