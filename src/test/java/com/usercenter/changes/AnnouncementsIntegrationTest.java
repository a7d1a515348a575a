package com.usercenter.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.usercenter.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change made on this instance is heard here, through the database's announcement,
 * before the change returns: the one way memory forgets is fast enough for the instance
 * that made the change to read it at once.
 */
@IntegrationTest
class AnnouncementsIntegrationTest {

	/** A channel the service listens on, whose subscriber forgets the whole catalog. */
	private static final String CHANNEL = "usercenter_hobbies";

	@Autowired
	private Announcements announcements;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@BeforeEach
	void listen() throws InterruptedException {
		this.announcements.subscribe(CHANNEL, this.heard::add, () -> {
		});
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!this.announcements.listening() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.announcements.listening()).isTrue();
	}

	@Test
	void aCommittedTransactionReturnsOnceItsAnnouncementsWereHeardHere() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		for (int i = 0; i < 20; i++) {
			String payload = "committed-" + i;

			transaction.executeWithoutResult((status) -> {
				announce(payload);
				this.announcements.awaitOwnChanges();
				announce(payload + "-after");
			});

			assertThat(this.heard).as("heard when the transaction returned").contains(payload, payload + "-after");
		}
	}

	@Test
	void aChangeAnnouncedAsTheTransactionCommitsIsAwaitedToo() {
		// as Hibernate flushes a change (and its listeners call) when the commit has
		// begun
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		for (int i = 0; i < 20; i++) {
			String payload = "flushed-at-commit-" + i;

			transaction.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void beforeCompletion() {
						announce(payload);
						AnnouncementsIntegrationTest.this.announcements.awaitOwnChanges();
					}

				}));

			assertThat(this.heard).contains(payload);
		}
	}

	@Test
	void aChangeOutsideATransactionReturnsOnceItWasHeardHere() {
		for (int i = 0; i < 20; i++) {
			String payload = "autocommit-" + i;

			announce(payload);
			this.announcements.awaitOwnChanges();

			assertThat(this.heard).contains(payload);
		}
	}

	@Test
	void aRolledBackTransactionAnnouncesNothingAndDoesNotWait() {
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		long started = System.nanoTime();

		transaction.executeWithoutResult((status) -> {
			announce("rolled-back");
			this.announcements.awaitOwnChanges();
			status.setRollbackOnly();
		});
		announce("after-the-rollback");
		this.announcements.awaitOwnChanges();

		assertThat(System.nanoTime() - started).as("no echo awaited in vain")
			.isLessThan(Announcements.ECHO_MILLIS * 1_000_000);
		assertThat(this.heard).contains("after-the-rollback").doesNotContain("rolled-back");
	}

	private void announce(String payload) {
		this.jdbc.sql("select pg_notify(:channel, :payload)")
			.param("channel", CHANNEL)
			.param("payload", payload)
			.query()
			.singleRow();
	}

}
