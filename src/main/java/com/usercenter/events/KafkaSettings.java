package com.usercenter.events;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The Kafka producer of events ({@code usercenter.events.kafka.*}, contract 9.1 "at
 * scale"). Unset {@code bootstrap-servers} means no Kafka at all: no producer, no thread,
 * no connection attempt.
 *
 * @param bootstrapServers the brokers ({@code host:port,...}); empty: Kafka is off
 * @param topic where every event is produced, keyed by user id
 * @param clientId the producer's {@code client.id} (broker logs and quotas)
 * @param batchSize deliveries produced per round; a round waits for the broker's
 * acknowledgement of all of them before it marks them delivered
 * @param pollInterval how often the relay looks for new events when it has caught up, and
 * how often the other instances check whether the relay's lease is free
 * @param deliveryTimeout how long one round waits for the broker ({@code max.block.ms}
 * for the topic's metadata, then {@code delivery.timeout.ms} for the acknowledgements)
 * before it gives up and retries the same events later
 * @param maxBackoff the longest wait between two rounds that failed (it doubles from one
 * second)
 * @param lease how long the instance that produces holds the relay (renewed before a
 * round once a quarter of it has passed); another instance takes over at most this long
 * after one that died. The three quarters left at a round's start must outlast the
 * longest round (the metadata wait, {@code delivery-timeout} and 10 s for the database):
 * start-up refuses a shorter lease
 * @param properties more producer settings passed as they are ({@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}, {@code compression.type}...); those the guarantees rest
 * on ({@code acks=all}, {@code enable.idempotence=true}, the serializers, the time limits
 * above) cannot be changed here
 */
@ConfigurationProperties("usercenter.events.kafka")
record KafkaSettings(String bootstrapServers, @DefaultValue("usercenter.user-events") String topic,
		@DefaultValue("usercenter") String clientId, @DefaultValue("500") int batchSize,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("30s") Duration deliveryTimeout,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("2m") Duration lease, Map<String, String> properties) {

	KafkaSettings {
		properties = (properties != null) ? Map.copyOf(properties) : Map.of();
	}

	/** Whether Kafka is configured at all. */
	boolean enabled() {
		return StringUtils.hasText(this.bootstrapServers);
	}

	/** The subscription row's {@code url}: {@code kafka:} and the topic. */
	String subscriptionUrl() {
		return "kafka:" + this.topic;
	}

	/** Refuses settings the relay cannot keep its promises with. */
	void check() {
		if (!StringUtils.hasText(this.topic)) {
			throw new IllegalStateException("usercenter.events.kafka.topic must not be empty");
		}
		if (this.batchSize < 1) {
			throw new IllegalStateException("usercenter.events.kafka.batch-size must be at least 1");
		}
		if (this.deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalStateException("usercenter.events.kafka.delivery-timeout must be at least 1s");
		}
		Duration round = maxBlock().plus(this.deliveryTimeout).plusSeconds(10);
		if (this.lease.multipliedBy(3).dividedBy(4).compareTo(round) < 0) {
			throw new IllegalStateException("usercenter.events.kafka.lease must be at least "
					+ round.multipliedBy(4).dividedBy(3).toSeconds() + "s with this delivery-timeout");
		}
	}

	/**
	 * How long one send may wait for the topic's metadata ({@code max.block.ms}): the
	 * broker being down shows here first.
	 */
	Duration maxBlock() {
		return (this.deliveryTimeout.compareTo(Duration.ofSeconds(10)) < 0) ? this.deliveryTimeout
				: Duration.ofSeconds(10);
	}

	/**
	 * How long one request may wait for the broker's answer ({@code request.timeout.ms}),
	 * within {@code delivery.timeout.ms}, which must be at least this plus
	 * {@code linger.ms}.
	 */
	Duration requestTimeout() {
		Duration half = this.deliveryTimeout.dividedBy(2);
		return (half.compareTo(Duration.ofSeconds(10)) < 0) ? half : Duration.ofSeconds(10);
	}

}
