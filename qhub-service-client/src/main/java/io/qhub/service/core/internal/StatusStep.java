package io.qhub.service.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubApiException;
import io.qhub.service.core.Secrets;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Turns an answer that is not 2xx into a {@link HubApiException}: classified by its
 * status (a 404 as the call says), with the error body redacted by {@link Secrets} and
 * the server's {@code Retry-After} (read with {@link RetryAfter}), which
 * {@link RetryStep} honours. A 2xx answer passes unchanged.
 */
final class StatusStep implements CallStep {

	private final Clock clock;

	/**
	 * The step of one client.
	 * @param clock the clock that says what "now" is for a {@code Retry-After} date
	 */
	StatusStep(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<Answer> process(CallContext context, Chain next) {
		return next.proceed(context)
			.flatMap((answer) -> answer.isSuccess() ? Mono.just(answer) : Mono.error(apiError(context.call(), answer)));
	}

	private HubApiException apiError(Call<?> call, Answer answer) {
		FailureKind kind = (answer.status() == 404) ? call.notFound() : HubApiException.classify(answer.status());
		return new HubApiException(call.operation(), answer.status(),
				Secrets.redact(new String(answer.body(), StandardCharsets.UTF_8)),
				RetryAfter.parse(answer.headers().getFirst(HttpHeaders.RETRY_AFTER), this.clock), kind);
	}

}
