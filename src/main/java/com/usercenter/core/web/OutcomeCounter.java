package com.usercenter.core.web;

import java.util.OptionalInt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.EnvelopeResponder;
import com.usercenter.core.metrics.Outcome;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.method.HandlerMethod;

/**
 * Counts the answers of every endpoint marked {@link Outcome}, in one place: when the
 * request's HTTP server observation stops, after its answer, by the endpoint's
 * {@code method} and the envelope code the {@link EnvelopeResponder} noted as the
 * {@code result} ({@code success}, the code, or {@code unanswered} when none was
 * written). An answer given before the controller ran (a body refused, a signature)
 * counts for the endpoint that would have run.
 */
final class OutcomeCounter implements ObservationHandler<ServerRequestObservationContext> {

	private final Routes routes;

	private final ObjectProvider<MeterRegistry> meters;

	OutcomeCounter(Routes routes, ObjectProvider<MeterRegistry> meters) {
		this.routes = routes;
		this.meters = meters;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		HandlerMethod handler;
		try {
			handler = this.routes.handler(context.getCarrier());
		}
		catch (RuntimeException ex) {
			// no count rather than a failed request
			return;
		}
		Outcome outcome = (handler != null) ? handler.getMethodAnnotation(Outcome.class) : null;
		MeterRegistry registry = this.meters.getIfAvailable();
		if (outcome == null || registry == null) {
			return;
		}
		OptionalInt code = EnvelopeResponder.answered(context);
		String result = code.isEmpty() ? "unanswered"
				: ((code.getAsInt() == ErrorCode.SUCCESS.code()) ? "success" : Integer.toString(code.getAsInt()));
		registry.counter(outcome.counter(), "method", outcome.method(), "result", result).increment();
	}

}
