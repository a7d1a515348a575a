package com.usercenter.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.usercenter.support.PostgresTestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka producer against a real broker: Kafka's own KRaft broker (spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}) in the test JVM on a fixed port, the service pointed
 * at it, events recorded by {@link Events#record} in transactions of the test, and a
 * consumer of the test's own reading the topic from the start. A user's events arrive
 * keyed by the user id, with the contract's JSON, all of them, in commit order, also
 * across a restart of the broker (duplicates allowed: at least once). A context of its
 * own, closed after the class, so the relay stops and its connections go back to
 * PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "usercenter.sms.provider=log",
				"usercenter.email.provider=log", "usercenter.events.kafka.topic=" + KafkaRelayIntegrationTest.TOPIC,
				"usercenter.events.kafka.poll-interval=100ms", "usercenter.events.kafka.delivery-timeout=4s",
				"usercenter.events.kafka.max-backoff=1s", "usercenter.events.kafka.batch-size=50",
				// the broker's and the clients' chatter, not the service's
				"logging.level.org.apache.kafka=warn", "logging.level.kafka=warn",
				"logging.level.state.change.logger=warn" })
@Import(PostgresTestConfig.class)
@DirtiesContext
class KafkaRelayIntegrationTest {

	static final String TOPIC = "test.user-events";

	private static Broker broker;

	private static JdbcClient database;

	@Autowired
	private Events events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper json;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private KafkaRelay relay;

	@Autowired
	private KafkaSettings settings;

	@Autowired
	private Clock clock;

	private KafkaConsumer<String, String> consumer;

	/** Every record the consumer has read, in the order read. */
	private final List<ConsumerRecord<String, String>> read = new ArrayList<>();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		if (broker == null) {
			// a fixed port, so the broker comes back where the producer looks for it
			broker = new Broker(freePort());
			broker.afterPropertiesSet();
		}
		registry.add("usercenter.events.kafka.bootstrap-servers", broker::getBrokersAsString);
	}

	@AfterAll
	static void stopBroker() {
		if (database != null) {
			// as the suite's own service does at its start-up: the test classes after
			// this
			// one record events for no Kafka
			database.sql("update webhook_subscription set status = 'disabled' where kind = 'kafka'").update();
			database = null;
		}
		if (broker != null) {
			broker.destroy();
			broker = null;
		}
	}

	@BeforeEach
	void subscribe() {
		database = this.jdbc;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(TOPIC)
			.stream()
			.map((info) -> new TopicPartition(TOPIC, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToBeginning(partitions);
	}

	@AfterEach
	void unsubscribe() {
		this.consumer.close(Duration.ofSeconds(5));
	}

	@Test
	void everyEventOfAUserReachesTheTopicInOrderKeyedByTheUser() {
		long user = newUserId();
		long other = newUserId();
		for (int change = 0; change < 40; change++) {
			int n = change;
			// a change may record several events; another user's changes go on between
			inTransaction(() -> {
				this.events.record(EventType.USER_UPDATED, user, Map.of("fields", List.of("nickname"), "n", n));
				if (n % 3 == 0) {
					this.events.record(EventType.USER_CONTACT_CHANGED, user, Map.of("contact", "email"));
				}
			});
			inTransaction(() -> this.events.record(EventType.USER_DISABLED, other));
		}
		inTransaction(() -> this.events.record(EventType.USER_ERASED, user));

		List<String> expected = eventIds(user);
		assertThat(expected).hasSize(40 + 14 + 1);
		awaitRead(expected, Duration.ofSeconds(60));

		assertThat(firstAppearances(user)).containsExactlyElementsOf(expected);
		ConsumerRecord<String, String> last = recordOf(expected.get(expected.size() - 1));
		assertThat(last.key()).isEqualTo(Long.toString(user));
		JsonNode value = this.json.readTree(last.value());
		assertThat(value.propertyNames()).containsExactly("id", "type", "timestamp", "data");
		assertThat(value.path("type").asString()).isEqualTo("user.erased");
		assertThat(value.path("data")).isEqualTo(this.json.readTree("{\"userId\":" + user + "}"));
		Instant occurredAt = this.jdbc.sql("select occurred_at from event_outbox where id = ?::uuid")
			.param(expected.get(expected.size() - 1))
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(OffsetDateTime.parse(value.path("timestamp").asString()).toInstant()).isEqualTo(occurredAt);
		JsonNode first = this.json.readTree(recordOf(expected.get(0)).value());
		assertThat(first.path("type").asString()).isEqualTo("user.updated");
		assertThat(first.path("data").path("userId").asLong()).isEqualTo(user);
		assertThat(first.path("data").path("fields").get(0).asString()).isEqualTo("nickname");
		assertThat(first.path("data").path("n").asInt()).isZero();
		assertThat(this.read).filteredOn((record) -> record.key().equals(Long.toString(other)))
			.allSatisfy((record) -> assertThat(this.json.readTree(record.value()).path("type").asString())
				.isEqualTo("user.disabled"));

		// produced means acknowledged and marked delivered, in the same subscription as
		// the webhooks
		awaitNoPendingFor(user);
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.kind = 'kafka' and s.url = ? and s.status = 'active' and s.events = '{*}'
				  and d.user_id = ? and d.status = 'delivered'""")
			.params("kafka:" + TOPIC, user)
			.query(Long.class)
			.single()).isEqualTo(expected.size());
		assertThat(this.meters.counter("usercenter.events.kafka.produced").count())
			.isGreaterThanOrEqualTo(expected.size());
		assertThat(this.relay.producing()).isTrue();
	}

	@Test
	void aRestartOfTheBrokerLosesNothingAndKeepsTheOrder() throws Exception {
		long user = newUserId();
		recordChanges(user, 0, 30);
		awaitRead(eventIds(user), Duration.ofSeconds(60));
		double failuresBefore = this.meters.counter("usercenter.events.kafka.failures").count();

		BrokerServer server = broker.getCluster().brokers().values().iterator().next();
		server.shutdown();
		server.awaitShutdown();
		// changes go on while the broker is down: kept in the outbox, retried
		recordChanges(user, 30, 60);
		awaitFailures(failuresBefore, Duration.ofSeconds(30));
		assertThat(pendingFor(user)).isEqualTo(30);
		recordChanges(user, 60, 70);
		server.startup();
		recordChanges(user, 70, 100);

		List<String> expected = eventIds(user);
		assertThat(expected).hasSize(100);
		awaitRead(expected, Duration.ofSeconds(90));
		// at least once: a copy may come twice, but none is missing and each first copy
		// comes in commit order
		assertThat(firstAppearances(user)).containsExactlyElementsOf(expected);
		assertThat(this.read).filteredOn((record) -> record.key().equals(Long.toString(user)))
			.hasSizeGreaterThanOrEqualTo(100);
		awaitNoPendingFor(user);
		System.out.printf("broker restart: %d records read for 100 events, %.0f failed rounds%n",
				this.read.stream().filter((record) -> record.key().equals(Long.toString(user))).count(),
				this.meters.counter("usercenter.events.kafka.failures").count() - failuresBefore);
	}

	@Test
	void aChangeRolledBackProducesNothing() {
		long user = newUserId();
		TransactionTemplate template = new TransactionTemplate(this.transactions);
		template.executeWithoutResult((status) -> {
			this.events.record(EventType.USER_UPDATED, user, Map.of("fields", List.of("nickname")));
			this.events.record(EventType.USER_DISABLED, user);
			status.setRollbackOnly();
		});
		inTransaction(() -> this.events.record(EventType.USER_ENABLED, user));

		List<String> expected = eventIds(user);
		assertThat(expected).hasSize(1);
		awaitRead(expected, Duration.ofSeconds(60));
		// the relay goes in event order: the event committed after the rolled-back ones
		// came, so they would have come before it
		assertThat(this.read).filteredOn((record) -> record.key().equals(Long.toString(user)))
			.extracting((record) -> this.json.readTree(record.value()).path("type").asString())
			.containsOnly("user.enabled");
	}

	@Test
	void oneInstanceProducesAtATimeAndAnotherTakesOverWhenItStops() {
		SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
		// a second instance's relay on the same database and broker
		KafkaRelay other = new KafkaRelay(this.settings, this.jdbc, this.json, this.clock, otherMeters);
		other.start();
		try {
			long first = newUserId();
			recordChanges(first, 0, 20);
			awaitRead(eventIds(first), Duration.ofSeconds(60));
			assertThat(other.producing()).isTrue();
			assertThat(otherMeters.counter("usercenter.events.kafka.produced").count())
				.as("the relay that waits for the lease produced nothing")
				.isZero();

			// this instance stops (a deploy): it gives the lease back, the other takes
			// over
			this.relay.stop();
			long second = newUserId();
			recordChanges(second, 0, 20);
			awaitRead(eventIds(second), Duration.ofSeconds(60));
			assertThat(firstAppearances(second)).containsExactlyElementsOf(eventIds(second));
			assertThat(otherMeters.counter("usercenter.events.kafka.produced").count()).isGreaterThanOrEqualTo(20);
		}
		finally {
			other.stop();
			this.relay.start();
		}
	}

	private void recordChanges(long user, int from, int to) {
		for (int n = from; n < to; n++) {
			int change = n;
			inTransaction(() -> this.events.record(EventType.USER_UPDATED, user,
					Map.of("fields", List.of("nickname"), "n", change)));
		}
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> work.run());
	}

	/** The user's event ids in commit order, as the outbox has them. */
	private List<String> eventIds(long user) {
		return this.jdbc.sql("select id::text from event_outbox where user_id = ? order by seq")
			.param(user)
			.query(String.class)
			.list();
	}

	/** Reads the topic until every one of the ids has been seen at least once. */
	private void awaitRead(List<String> ids, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		Set<String> missing = new LinkedHashSet<>(ids);
		this.read.forEach((record) -> missing.remove(id(record)));
		while (!missing.isEmpty()) {
			assertThat(System.nanoTime()).as("events still not on the topic: %s", missing).isLessThan(deadline);
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
				this.read.add(record);
				missing.remove(id(record));
			}
		}
	}

	/** The user's event ids in the order of their first copy on the topic. */
	private List<String> firstAppearances(long user) {
		return this.read.stream()
			.filter((record) -> record.key().equals(Long.toString(user)))
			.map(this::id)
			.collect(Collectors.toCollection(LinkedHashSet::new))
			.stream()
			.toList();
	}

	private ConsumerRecord<String, String> recordOf(String id) {
		return this.read.stream().filter((record) -> id(record).equals(id)).findFirst().orElseThrow();
	}

	private String id(ConsumerRecord<String, String> record) {
		return this.json.readTree(record.value()).path("id").asString();
	}

	private long pendingFor(long user) {
		return this.jdbc.sql("""
				select count(*) from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.kind = 'kafka' and d.user_id = ? and d.status = 'pending'""")
			.param(user)
			.query(Long.class)
			.single();
	}

	private void awaitNoPendingFor(long user) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (pendingFor(user) > 0) {
			assertThat(System.nanoTime()).as("deliveries still pending").isLessThan(deadline);
			sleep(100);
		}
	}

	private void awaitFailures(double before, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (this.meters.counter("usercenter.events.kafka.failures").count() <= before) {
			assertThat(System.nanoTime()).as("the relay never saw the broker down").isLessThan(deadline);
			sleep(200);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A user id no other test uses (events need no account row). */
	private static long newUserId() {
		return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
	}

	/**
	 * spring-kafka-test's KRaft broker (one node, {@value #PARTITIONS} partitions of the
	 * topic) on Kafka 4.3's test kit, which names the bootstrap address
	 * {@code bootstrapServers()} where spring-kafka-test 4.1 asks for
	 * {@code clientProperties()}.
	 */
	static final class Broker extends EmbeddedKafkaKraftBroker {

		static final int PARTITIONS = 3;

		Broker(int port) {
			super(1, PARTITIONS, TOPIC);
			kafkaPorts(port);
		}

		@Override
		public String getBrokersAsString() {
			return getCluster().bootstrapServers();
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
