package com.usercenter.account;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;

/**
 * Argon2's 1 KiB memory blocks, kept between hashes up to a capacity (the blocks of as
 * many hashes as may run at once, from the memory budget), and given back: the free
 * blocks are held softly, so the collector takes them when the heap needs room or when
 * they have not been used for a while, and hashing allocates afresh after that.
 */
final class ReleasingBlockPool implements Argon2BytesGenerator.BlockPool {

	private final int capacity;

	private SoftReference<ArrayDeque<Block>> free = new SoftReference<>(new ArrayDeque<>());

	ReleasingBlockPool(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public synchronized Block allocate() {
		ArrayDeque<Block> blocks = this.free.get();
		Block block = (blocks != null) ? blocks.pollLast() : null;
		return (block != null) ? block : new Block();
	}

	@Override
	public synchronized void deallocate(Block block) {
		ArrayDeque<Block> blocks = this.free.get();
		if (blocks == null) {
			blocks = new ArrayDeque<>();
			this.free = new SoftReference<>(blocks);
		}
		if (blocks.size() < this.capacity) {
			// Argon2BytesGenerator clears a block before it gives it back
			blocks.addLast(block);
		}
	}

	/** How many free blocks are kept now. */
	synchronized int kept() {
		ArrayDeque<Block> blocks = this.free.get();
		return (blocks != null) ? blocks.size() : 0;
	}

	/** Lets go of every free block, as the collector does when the heap needs room. */
	synchronized void release() {
		this.free.clear();
	}

}
