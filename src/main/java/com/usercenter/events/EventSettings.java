package com.usercenter.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox's upkeep ({@code usercenter.events.*}; Kafka's keys are
 * {@code usercenter.events.kafka.*}).
 *
 * @param retention how long an event is kept once every delivery of it is done (delivered
 * or failed): what the deliveries list and the retry endpoint can reach
 * @param retentionSweepInterval how often one instance deletes what is past retention
 */
@ConfigurationProperties("usercenter.events")
record EventSettings(@DefaultValue("7d") Duration retention, @DefaultValue("1h") Duration retentionSweepInterval) {

}
