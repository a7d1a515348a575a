package com.usercenter.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.usercenter.core.errors.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Produces every event to Kafka (contract 9.1, "at scale") from the same outbox as the
 * webhooks: the one subscription of kind {@code kafka} wants every event, so
 * {@link Events#record} writes a delivery row for it in the change's transaction, and
 * this relay produces those rows to the topic, keyed by user id, the value the webhook
 * body with the event's {@code id}.
 * <p>
 * One relay produces at a time across instances: the holder of the {@code kafka} row of
 * {@code event_relay_lease}, taken and renewed by one statement each, so no transaction
 * or connection is open while the broker is waited on. A round reads the oldest pending
 * deliveries in event order, sends them all (an idempotent producer with
 * {@code acks=all}, so a partition keeps them in the order sent), waits for every
 * acknowledgement, and marks delivered in one statement those before the first failure;
 * that one and all after it are sent again in the next round, after a backoff. So a
 * user's events reach the topic at least once, and the first copy of each comes after the
 * first copy of the one before it (a retry may repeat events, never skip one).
 * <p>
 * With {@code usercenter.events.kafka.bootstrap-servers} unset nothing of this runs: no
 * producer, no thread, no connection; start-up disables the {@code kafka} subscription so
 * no more deliveries are written for it (the pending ones wait, and are produced first
 * when Kafka is configured again).
 */
@Component
class KafkaRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final String LEASE = "kafka";

	private final KafkaSettings settings;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Counter produced;

	private final Counter failures;

	/** Who this instance is in the lease row while it runs. */
	private final String holder = "relay-" + UUID.randomUUID();

	private final Object sleep = new Object();

	private volatile boolean running;

	private volatile Thread thread;

	private long subscriptionId;

	/**
	 * When this instance last wrote its lease ({@link System#nanoTime()}), if it holds
	 * it.
	 */
	private Long leaseRenewedAt;

	private Producer<String, String> producer;

	KafkaRelay(KafkaSettings settings, JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.produced = Counter.builder("usercenter.events.kafka.produced")
			.description("Events the Kafka broker acknowledged (a retried event counts again)")
			.register(meters);
		this.failures = Counter.builder("usercenter.events.kafka.failures")
			.description("Rounds of the Kafka relay that failed (broker down or refusing): retried after a backoff")
			.register(meters);
	}

	@Override
	public void start() {
		this.running = true;
		if (!this.settings.enabled()) {
			int disabled = this.jdbc.sql("""
					update webhook_subscription set status = 'disabled', updated_at = :now
					where kind = 'kafka' and status <> 'disabled'""")
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			if (disabled > 0) {
				log.info("Kafka is not configured: its subscription is disabled, no more events are kept for it");
			}
			return;
		}
		this.settings.check();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.subscriptionId = this.jdbc.sql("""
				insert into webhook_subscription (kind, url, events, status, created_at, updated_at)
				values ('kafka', :url, '{*}', 'active', :now, :now)
				on conflict (kind) where kind = 'kafka' do update
				set url = excluded.url, events = excluded.events, status = 'active', updated_at = excluded.updated_at
				returning id""")
			.param("url", this.settings.subscriptionUrl())
			.param("now", now)
			.query(Long.class)
			.single();
		Thread relay = new Thread(this::run, "usercenter-kafka-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
		log.info("Producing events to Kafka topic {} (bootstrap servers {})", this.settings.topic(),
				this.settings.bootstrapServers());
	}

	@Override
	public void stop() {
		this.running = false;
		Thread relay = this.thread;
		if (relay == null) {
			return;
		}
		relay.interrupt();
		try {
			relay.join(this.settings.deliveryTimeout().plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether this instance has a relay thread (Kafka is configured). */
	boolean producing() {
		Thread relay = this.thread;
		return relay != null && relay.isAlive();
	}

	private void run() {
		Duration backoff = FIRST_BACKOFF;
		boolean failing = false;
		try {
			while (this.running) {
				try {
					if (!holdLease()) {
						pause(this.settings.pollInterval());
						continue;
					}
					int sent = round();
					if (failing) {
						log.info("Kafka relay recovered: producing to {} again", this.settings.topic());
						failing = false;
					}
					backoff = FIRST_BACKOFF;
					if (sent < this.settings.batchSize()) {
						pause(this.settings.pollInterval());
					}
				}
				catch (RuntimeException ex) {
					if (!this.running) {
						break;
					}
					this.failures.increment();
					closeProducer();
					if (!failing) {
						log.warn("Kafka relay failed, retrying the same events with a backoff up to {}: {}",
								this.settings.maxBackoff(), Failures.types(ex));
						failing = true;
					}
					else {
						log.debug("Kafka relay failed again", ex);
					}
					pause(backoff);
					backoff = backoff.multipliedBy(2);
					if (backoff.compareTo(this.settings.maxBackoff()) > 0) {
						backoff = this.settings.maxBackoff();
					}
				}
			}
		}
		finally {
			closeProducer();
			releaseLease();
		}
	}

	/**
	 * One round: the oldest pending deliveries, sent, acknowledged and marked; the number
	 * produced.
	 * @throws KafkaRoundFailed when an event could not be produced (those before it are
	 * marked delivered)
	 */
	int round() {
		List<Pending> batch = pending();
		if (batch.isEmpty()) {
			return 0;
		}
		Producer<String, String> kafka = producer();
		List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
		RuntimeException failure = null;
		for (Pending event : batch) {
			try {
				Future<RecordMetadata> future = kafka
					.send(new ProducerRecord<>(this.settings.topic(), Long.toString(event.userId()), value(event)));
				sent.add(future);
				if (future.isDone() && failed(future)) {
					// the topic's metadata could not be had: the rest would wait as long
					break;
				}
			}
			catch (RuntimeException ex) {
				failure = ex;
				break;
			}
		}
		kafka.flush();
		int acked = 0;
		for (Future<RecordMetadata> future : sent) {
			try {
				future.get();
				acked++;
			}
			catch (ExecutionException ex) {
				failure = new KafkaRoundFailed(ex.getCause());
				break;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = new KafkaRoundFailed(ex);
				break;
			}
		}
		if (acked > 0) {
			markDelivered(batch.subList(0, acked));
			this.produced.increment(acked);
		}
		if (acked < batch.size()) {
			markAttempt(batch.get(acked));
			throw (failure instanceof KafkaRoundFailed failed) ? failed : new KafkaRoundFailed(failure);
		}
		return acked;
	}

	private List<Pending> pending() {
		return this.jdbc.sql("""
				select d.event_seq, e.id, e.type, e.user_id, e.data::text, e.occurred_at
				from webhook_delivery d
				join event_outbox e on e.seq = d.event_seq
				where d.subscription_id = :subscription and d.status = 'pending'
				order by d.event_seq
				limit :batch""")
			.param("subscription", this.subscriptionId)
			.param("batch", this.settings.batchSize())
			.query((rs, row) -> new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getTimestamp(6)))
			.list();
	}

	/** The webhook body with the event's id: {@code {"id","type","timestamp","data"}}. */
	private String value(Pending event) {
		ObjectNode body = this.json.createObjectNode();
		body.put("id", event.id().toString());
		body.put("type", event.type());
		body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant()));
		body.set("data", this.json.readTree(event.data()));
		return this.json.writeValueAsString(body);
	}

	private void markDelivered(List<Pending> delivered) {
		this.jdbc.sql("""
				update webhook_delivery
				set status = 'delivered', attempts = attempts + 1, last_attempt_at = :now, lease_until = null
				where subscription_id = :subscription and event_seq in (:seqs) and status = 'pending'""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("subscription", this.subscriptionId)
			.param("seqs", delivered.stream().map(Pending::seq).toList())
			.update();
	}

	/**
	 * The first event not produced: counted, so an operator sees where the relay stands.
	 */
	private void markAttempt(Pending first) {
		this.jdbc.sql("""
				update webhook_delivery set attempts = attempts + 1, last_attempt_at = :now
				where subscription_id = :subscription and event_seq = :seq and status = 'pending'""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("subscription", this.subscriptionId)
			.param("seq", first.seq())
			.update();
	}

	/**
	 * Whether this instance holds the relay: takes the lease when it is free or expired,
	 * renews it once a quarter of it has passed. PostgreSQL's clock decides for every
	 * instance alike.
	 */
	private boolean holdLease() {
		long now = System.nanoTime();
		if (this.leaseRenewedAt != null && now - this.leaseRenewedAt < this.settings.lease().toNanos() / 4) {
			return true;
		}
		int held = this.jdbc.sql("""
				update event_relay_lease
				set holder = :holder, lease_until = now() + make_interval(secs => :seconds)
				where name = :name and (holder = :holder or lease_until is null or lease_until < now())""")
			.param("holder", this.holder)
			.param("seconds", this.settings.lease().toMillis() / 1000.0)
			.param("name", LEASE)
			.update();
		if (held == 0) {
			if (this.leaseRenewedAt != null) {
				log.warn("Kafka relay lost its lease to another instance");
			}
			this.leaseRenewedAt = null;
			closeProducer();
			return false;
		}
		this.leaseRenewedAt = now;
		return true;
	}

	/** At a clean stop, so another instance takes over at once. */
	private void releaseLease() {
		if (this.leaseRenewedAt == null) {
			return;
		}
		this.leaseRenewedAt = null;
		try {
			this.jdbc.sql("""
					update event_relay_lease set holder = null, lease_until = null
					where name = :name and holder = :holder""")
				.param("name", LEASE)
				.param("holder", this.holder)
				.update();
		}
		catch (RuntimeException ex) {
			log.debug("Kafka relay lease not released; it expires by itself", ex);
		}
	}

	private Producer<String, String> producer() {
		if (this.producer == null) {
			this.producer = new KafkaProducer<>(producerConfig(this.settings), new StringSerializer(),
					new StringSerializer());
		}
		return this.producer;
	}

	/**
	 * The producer's settings: defaults, then {@code properties}, then what the
	 * guarantees rest on.
	 */
	static Map<String, Object> producerConfig(KafkaSettings settings) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.putAll(settings.properties());
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) settings.deliveryTimeout().toMillis());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		return config;
	}

	private void closeProducer() {
		Producer<String, String> kafka = this.producer;
		this.producer = null;
		if (kafka != null) {
			try {
				kafka.close(Duration.ZERO);
			}
			catch (RuntimeException ex) {
				log.debug("Kafka producer did not close cleanly", ex);
			}
		}
	}

	private void pause(Duration duration) {
		synchronized (this.sleep) {
			try {
				this.sleep.wait(Math.max(1, duration.toMillis()));
			}
			catch (InterruptedException ex) {
				// stop() interrupts: the loop sees running false
				Thread.currentThread().interrupt();
			}
		}
		if (!this.running) {
			return;
		}
		Thread.interrupted();
	}

	private static boolean failed(Future<RecordMetadata> future) {
		try {
			future.get();
			return false;
		}
		catch (ExecutionException | InterruptedException ex) {
			return true;
		}
	}

	private record Pending(long seq, UUID id, String type, long userId, String data, Timestamp occurredAt) {
	}

	/**
	 * A round that produced some of its events at most: the rest are sent again later.
	 */
	static class KafkaRoundFailed extends RuntimeException {

		KafkaRoundFailed(Throwable cause) {
			super((cause != null) ? cause.toString() : "send stopped", cause);
		}

	}

}
