package com.usercenter.core.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits and cross-origin settings.
 *
 * @param maxBodySize largest JSON or form body accepted
 * @param maxMultipartSize largest multipart upload accepted
 * @param maxStreamSize largest streamed body ({@code application/x-ndjson}, the user
 * import) accepted
 * @param streamMinRate how fast a streamed body must arrive, counting only the time its
 * reader waited for the client: the body timeout plus a second for every this many bytes
 * @param corsAllowedOrigins origins allowed to call the API from a browser; none by
 * default
 * @param bodyTimeout how long a request body may take to arrive in all
 * @param bodiesInFlightPerIp request bodies one client address may be sending at once
 * (those being drained after a refusal included)
 * @param lingerTime how long the rest of a body answered before it was read is read and
 * discarded before the connection is closed, so a client that reads the answer only after
 * sending the body gets it
 * @param lingerSize how much of such a body is read and discarded at most
 * @param lingerMinRate how many bytes a second such a body must keep arriving at (after
 * its first second) to be waited for
 */
@ConfigurationProperties("usercenter.web")
public record WebSettings(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("3MB") DataSize maxMultipartSize,
		@DefaultValue("1GB") DataSize maxStreamSize, @DefaultValue("16KB") DataSize streamMinRate,
		@DefaultValue List<String> corsAllowedOrigins, @DefaultValue("10s") Duration bodyTimeout,
		@DefaultValue("16") int bodiesInFlightPerIp, @DefaultValue("10s") Duration lingerTime,
		@DefaultValue("16MB") DataSize lingerSize, @DefaultValue("16KB") DataSize lingerMinRate) {

}
