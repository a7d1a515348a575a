package com.usercenter.core.metrics;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.usercenter.core.ApiException;
import com.usercenter.core.UpstreamFailed;

import org.springframework.stereotype.Component;

/**
 * Times every call to an outside provider (SMS, email, social sign-in, carrier one-tap)
 * in {@code usercenter_provider_requests_seconds}, by {@code provider} and
 * {@code outcome}: {@code success}, {@code rejected} (the provider answered no, such as
 * an expired token) or {@code error} (it failed or did not answer in time).
 */
@Component
public class ProviderCalls {

	static final String TIMER = "usercenter.provider.requests";

	private final MeterRegistry registry;

	ProviderCalls(MeterRegistry registry) {
		this.registry = registry;
	}

	public <T> T timed(String provider, Supplier<T> call) {
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "error";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		catch (UpstreamFailed ex) {
			throw ex;
		}
		catch (ApiException ex) {
			outcome = "rejected";
			throw ex;
		}
		finally {
			sample.stop(Timer.builder(TIMER)
				.description("Calls to outside providers")
				.tag("provider", provider)
				.tag("outcome", outcome)
				.publishPercentileHistogram()
				.register(this.registry));
		}
	}

	public void timed(String provider, Runnable call) {
		timed(provider, () -> {
			call.run();
			return null;
		});
	}

}
