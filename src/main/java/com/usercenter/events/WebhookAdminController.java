package com.usercenter.events;

import java.util.List;
import java.util.UUID;

import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.PageResult;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-webhooks",
		description = "Webhook subscriptions (contract 9.1): who hears which events, their deliveries and replays")
@SecurityRequirement(name = "bearer")
@Validated
@RestController
@RequestMapping("/api/v1/admin/webhooks")
class WebhookAdminController {

	private final Subscriptions subscriptions;

	private final WebhookDeliveries deliveries;

	private final DeliveryDispatcher dispatcher;

	WebhookAdminController(Subscriptions subscriptions, WebhookDeliveries deliveries, DeliveryDispatcher dispatcher) {
		this.subscriptions = subscriptions;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
	}

	@Operation(operationId = "createWebhook", summary = "Subscribe a URL to events; its secret is shown only here",
			description = "The URL must be https and must not point at a loopback, private, link-local or multicast "
					+ "address (checked again on the address connected to at each delivery). With tenantKey the "
					+ "subscription hears only of users that tenant maps, each event with their associatedId.")
	@PostMapping
	Envelope<WebhookSecret> create(CurrentUser admin, @Valid @RequestBody CreateWebhookRequest request) {
		return Envelope.ok(this.subscriptions.create(admin, request.url().trim(), request.events(), request.tenantKey(),
				request.description()));
	}

	@Operation(operationId = "listWebhooks", summary = "Webhook subscriptions, oldest first (never their secrets)")
	@GetMapping
	Envelope<List<SubscriptionView>> list() {
		return Envelope.ok(this.subscriptions.list());
	}

	@Operation(operationId = "getWebhook", summary = "One webhook subscription (never its secret)")
	@Answers({ ErrorCode.NOT_FOUND })
	@GetMapping("/{id}")
	Envelope<SubscriptionView> get(@PathVariable long id) {
		return Envelope.ok(this.subscriptions.get(id));
	}

	@Operation(operationId = "changeWebhook", summary = "Change the URL, the events, the status or the description",
			description = "A disabled subscription gets no new events; what it had pending waits until it is "
					+ "enabled again.")
	@Answers({ ErrorCode.NOT_FOUND })
	@PatchMapping("/{id}")
	Envelope<SubscriptionView> change(CurrentUser admin, @PathVariable long id,
			@Valid @RequestBody ChangeWebhookRequest request) {
		if (request.url() == null && request.events() == null && request.status() == null
				&& request.description() == null) {
			throw ApiException.invalid("url", "give url, events, status and/or description");
		}
		return Envelope.ok(this.subscriptions.change(admin, id, (request.url() != null) ? request.url().trim() : null,
				request.events(), request.status(), request.description()));
	}

	@Operation(operationId = "deleteWebhook", summary = "Delete a subscription and its deliveries")
	@Answers({ ErrorCode.NOT_FOUND })
	@DeleteMapping("/{id}")
	Envelope<Void> delete(CurrentUser admin, @PathVariable long id) {
		this.subscriptions.delete(admin, id);
		return Envelope.ok();
	}

	@Operation(operationId = "rotateWebhookSecret",
			summary = "A new secret; the old one keeps signing beside it for 24 h",
			description = "During the overlap every delivery carries two signatures in webhook-signature, "
					+ "space-separated: the subscriber may switch to the new secret at any time within it.")
	@Answers({ ErrorCode.NOT_FOUND })
	@PostMapping("/{id}/secret")
	Envelope<WebhookSecret> rotate(CurrentUser admin, @PathVariable long id) {
		return Envelope.ok(this.subscriptions.rotate(admin, id));
	}

	@Operation(operationId = "listWebhookDeliveries", summary = "A subscription's deliveries, newest event first")
	@Answers({ ErrorCode.NOT_FOUND })
	@GetMapping("/{id}/deliveries")
	Envelope<PageResult<DeliveryView>> deliveries(@PathVariable long id,
			@Parameter(example = "failed") @RequestParam(required = false) @Pattern(
					regexp = "pending|delivered|failed") String status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		this.subscriptions.get(id);
		return Envelope.ok(this.deliveries.list(id, status, page, size));
	}

	@Operation(operationId = "retryWebhookDelivery", summary = "Deliver an event again now, whatever its status",
			description = "Its attempts go on counting: a failed one that fails again is failed at once. Later "
					+ "events about the same user wait behind it, to keep their order.")
	@Answers({ ErrorCode.NOT_FOUND })
	@PostMapping("/{id}/deliveries/{eventId}/retry")
	Envelope<Void> retry(@PathVariable long id, @PathVariable UUID eventId) {
		this.subscriptions.get(id);
		this.deliveries.retry(id, eventId);
		this.dispatcher.wake();
		return Envelope.ok();
	}

	record CreateWebhookRequest(
			@Schema(example = "https://partner.example.com/hooks/user-center") @NotBlank @Size(max = 2048) String url,
			@Schema(example = "[\"user.erased\", \"user.contact_changed\"]",
					description = "event types (contract 9.1) or [\"*\"] for all") @NotEmpty @Size(
							max = 20) List<@NotNull @Size(max = 40) String> events,
			@Schema(example = "tk_3mK9x0Qa1bC2dE3f",
					description = "only users this tenant maps, with its associatedId") @Size(
							max = 64) String tenantKey,
			@Schema(example = "CRM sync") @Size(max = 200) @PlainText String description) {
	}

	record ChangeWebhookRequest(
			@Schema(example = "https://partner.example.com/hooks/user-center-v2") @Size(min = 1, max = 2048) String url,
			@Schema(example = "[\"*\"]") @Size(min = 1, max = 20) List<@NotNull @Size(max = 40) String> events,
			@Schema(example = "disabled", allowableValues = {
					"active", "disabled" }) @Pattern(regexp = "active|disabled") String status,
			@Schema(example = "CRM sync, v2") @Size(max = 200) @PlainText String description){
	}

}
