package com.usercenter.events;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.usercenter.core.errors.Failures;
import com.usercenter.events.WebhookDeliveries.Claimed;
import com.usercenter.events.WebhookSender.Attempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The delivery worker of this instance (every instance runs one). One thread claims due
 * deliveries (a short statement of {@link WebhookDeliveries}, committed at once), hands
 * each to a sender thread, and claims again as soon as a send ends or every
 * {@code usercenter.webhooks.poll-interval}. A sender holds no database connection or
 * transaction while it waits on the subscriber; it records the result in one statement
 * afterwards ({@value #RECORDERS} senders at most at once, so a burst of answers never
 * takes the connections requests need). At most {@code max-in-flight} sends at once on
 * this instance, and at most {@code per-subscription} to one subscription, so a
 * subscriber that hangs holds a few sender threads for the deadline (10 s) and nothing
 * else: the others are claimed and sent beside it. Sender threads are virtual where the
 * service runs on virtual threads (JDK 21+, {@code spring.threads.virtual.enabled}).
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

	private static final int RECORDERS = 4;

	private final WebhookDeliveries deliveries;

	private final Subscriptions subscriptions;

	private final WebhookSender sender;

	private final WebhookSettings settings;

	private final WebhookMetrics metrics;

	private final JsonMapper json;

	private final Clock clock;

	private final SimpleAsyncTaskExecutor senders;

	private final Semaphore slots;

	private final Map<Long, Integer> sending = new ConcurrentHashMap<>();

	private final Semaphore wake = new Semaphore(0);

	/**
	 * Sender threads recording their results at once: a burst of answers queues here, not
	 * in the connection pool that requests of the service need.
	 */
	private final Semaphore recorders = new Semaphore(RECORDERS);

	private volatile boolean running;

	private Thread loop;

	DeliveryDispatcher(WebhookDeliveries deliveries, Subscriptions subscriptions, WebhookSender sender,
			WebhookSettings settings, WebhookMetrics metrics, JsonMapper json, Clock clock, Environment environment) {
		this.deliveries = deliveries;
		this.subscriptions = subscriptions;
		this.sender = sender;
		this.settings = settings;
		this.metrics = metrics;
		this.json = json;
		this.clock = clock;
		this.slots = new Semaphore(settings.maxInFlight());
		this.senders = new SimpleAsyncTaskExecutor("webhook-send-");
		this.senders.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		this.senders.setDaemon(true);
	}

	/** Looks for due deliveries now (an admin's retry, a test). */
	void wake() {
		this.wake.release();
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.loop = new Thread(this::run, "webhook-dispatcher");
		this.loop.setDaemon(true);
		this.loop.start();
	}

	/**
	 * Stops claiming and waits for the sends under way (a deadline at most) so their
	 * results are recorded; one cut off is sent again by any instance once its lease
	 * ends.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.wake.release();
		try {
			this.loop.join(5_000);
			long waitMillis = this.settings.deadline().plusSeconds(1).toMillis();
			if (this.slots.tryAcquire(this.settings.maxInFlight(), waitMillis, TimeUnit.MILLISECONDS)) {
				this.slots.release(this.settings.maxInFlight());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		while (this.running) {
			try {
				this.wake.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				this.wake.drainPermits();
				if (this.running) {
					dispatchDue();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// the database away, for one: the next round tries again
				log.warn("Could not claim webhook deliveries: {}", Failures.types(ex));
				pause();
			}
		}
	}

	/** Claims and hands out until nothing is due or every slot is taken. */
	private void dispatchDue() {
		while (this.running) {
			int free = this.slots.availablePermits();
			if (free == 0) {
				return;
			}
			Map<Long, Integer> busy = new HashMap<>(this.sending);
			List<Claimed> claimed = this.deliveries.claim(free, this.settings.perSubscription(), busy,
					this.settings.lease());
			if (claimed.isEmpty()) {
				return;
			}
			for (Claimed delivery : claimed) {
				this.slots.acquireUninterruptibly();
				this.sending.merge(delivery.subscriptionId(), 1, Integer::sum);
				try {
					this.senders.execute(() -> deliver(delivery));
				}
				catch (RuntimeException ex) {
					// shutting down: the lease runs out and any instance sends it
					done(delivery);
					return;
				}
			}
		}
	}

	private void deliver(Claimed delivery) {
		try {
			long timestamp = this.clock.instant().getEpochSecond();
			byte[] body = body(delivery);
			String signature = Signatures.header(this.subscriptions.signingKeys(delivery.secretSealed(),
					delivery.previousSecretSealed(), delivery.previousSecretUntil()), delivery.eventId(), timestamp,
					body);
			record(delivery, this.sender.send(delivery.url(), delivery.eventId(), timestamp, signature, body));
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery of event {} to subscription {} failed: {}", delivery.eventId(),
					delivery.subscriptionId(), Failures.types(ex));
			try {
				record(delivery, Attempt.error("not sent: " + ex.getClass().getSimpleName()));
			}
			catch (RuntimeException again) {
				log.warn("Could not record the failed delivery (its lease runs out): {}", Failures.types(again));
			}
		}
		finally {
			done(delivery);
		}
	}

	private void record(Claimed delivery, Attempt attempt) {
		this.recorders.acquireUninterruptibly();
		try {
			recordNow(delivery, attempt);
		}
		finally {
			this.recorders.release();
		}
	}

	private void recordNow(Claimed delivery, Attempt attempt) {
		if (attempt.delivered()) {
			if (this.deliveries.delivered(delivery, attempt.status())) {
				this.metrics.delivered();
			}
			return;
		}
		Duration retryAfter = this.settings.delayAfter(delivery.attempts() + 1);
		if (this.deliveries.failed(delivery, attempt.status(), attempt.error(), retryAfter)) {
			if (retryAfter != null) {
				this.metrics.retry();
			}
			else {
				this.metrics.failed();
			}
		}
	}

	private void done(Claimed delivery) {
		this.sending.computeIfPresent(delivery.subscriptionId(), (id, count) -> (count > 1) ? count - 1 : null);
		this.slots.release();
		this.wake.release();
	}

	/**
	 * {@code {"type", "timestamp", "data"}}: the event's data, with the tenant's
	 * {@code associatedId} for a subscription of a tenant.
	 */
	private byte[] body(Claimed delivery) {
		ObjectNode data = (ObjectNode) this.json.readTree(delivery.data());
		if (delivery.scoped()) {
			data.put("associatedId", delivery.associatedId());
		}
		ObjectNode body = this.json.createObjectNode();
		body.put("type", delivery.type());
		body.put("timestamp",
				DateTimeFormatter.ISO_INSTANT.format(delivery.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
		body.set("data", data);
		return this.json.writeValueAsBytes(body);
	}

	private void pause() {
		try {
			Thread.sleep(this.settings.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
