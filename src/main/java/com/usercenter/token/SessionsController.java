package com.usercenter.token;

import java.util.List;
import java.util.UUID;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "sessions", description = "The signed-in user's live sessions")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users/me/sessions")
class SessionsController {

	private final SessionService sessions;

	SessionsController(SessionService sessions) {
		this.sessions = sessions;
	}

	@Operation(operationId = "listSessions",
			summary = "Live sessions of the signed-in user (the newest 100), with where each was last used")
	@GetMapping
	Envelope<List<SessionView>> list(CurrentUser user) {
		return Envelope.ok(this.sessions.liveSessionsOf(user.userId(), user.sessionId()));
	}

	@Operation(summary = "End one session at once (40401 when it is not one of the caller's live sessions)")
	@Answers({ ErrorCode.USER_NOT_FOUND })
	@DeleteMapping("/{sessionId}")
	Envelope<Void> end(CurrentUser user, @PathVariable UUID sessionId) {
		this.sessions.endOwn(user.userId(), sessionId);
		return Envelope.ok();
	}

}
