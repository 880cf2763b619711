package io.qhub.service.core.internal;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.qhub.service.core.FailureKind;
import io.qhub.service.core.HubTokenException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AuthorizeStep}: the call is sent with the credentials' authorization; a 401
 * drops that token and sends the call once more with a new one, for JSON and streamed
 * calls alike, and only when the credentials can renew.
 */
class AuthorizeStepTests {

	@Test
	void theCallIsSentWithTheCredentialsAuthorization() {
		Tokens tokens = new Tokens(true, "t1");
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(200, "{}")));
		StepVerifier.create(new AuthorizeStep(tokens).process(json(), rest)).expectNextCount(1).verifyComplete();
		assertThat(rest.seen()).extracting(AuthorizeStepTests::bearer).containsExactly("Bearer t1");
		assertThat(tokens.rejected).isEmpty();
	}

	@Test
	void a401DropsTheTokenAndSendsOnceMoreWithANewOne() {
		Tokens tokens = new Tokens(true, "t1", "t2");
		Answer ok = CallStepFixtures.answer(200, "{}");
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(401, "expired")), (context) -> Mono.just(ok));
		StepVerifier.create(new AuthorizeStep(tokens).process(json(), rest)).expectNext(ok).verifyComplete();
		assertThat(rest.seen()).extracting(AuthorizeStepTests::bearer).containsExactly("Bearer t1", "Bearer t2");
		assertThat(tokens.rejected).containsExactly("t1");
	}

	@Test
	void aStreamedCallIsRenewedTheSameWay() {
		Tokens tokens = new Tokens(true, "t1", "t2");
		Answer streamed = Answer.streamed(200, new HttpHeaders(), Flux.empty());
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(401, "expired")), (context) -> Mono.just(streamed));
		CallContext context = CallContext.stream(CallStepFixtures.get(), CallBudget.DEFAULT);
		StepVerifier.create(new AuthorizeStep(tokens).process(context, rest)).expectNext(streamed).verifyComplete();
		assertThat(rest.seen()).extracting(AuthorizeStepTests::bearer).containsExactly("Bearer t1", "Bearer t2");
		assertThat(rest.seen()).allSatisfy((seen) -> assertThat(seen.streamed()).isTrue());
	}

	@Test
	void onlyOneRenewalASecond401IsTheAnswer() {
		Tokens tokens = new Tokens(true, "t1", "t2", "t3");
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(401, "no")));
		StepVerifier.create(new AuthorizeStep(tokens).process(json(), rest))
			.assertNext((answer) -> assertThat(answer.status()).isEqualTo(401))
			.verifyComplete();
		assertThat(rest.seen()).hasSize(2);
		assertThat(tokens.rejected).containsExactly("t1");
	}

	@Test
	void credentialsThatCannotRenewAnswerA401AsItIs() {
		Tokens tokens = new Tokens(false, "api-key");
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(401, "no")));
		StepVerifier.create(new AuthorizeStep(tokens).process(json(), rest))
			.assertNext((answer) -> assertThat(answer.status()).isEqualTo(401))
			.verifyComplete();
		assertThat(rest.seen()).hasSize(1);
		assertThat(tokens.rejected).isEmpty();
	}

	@Test
	void aTokenFailureFailsTheCallBeforeAnythingIsSent() {
		HubTokenException refused = new HubTokenException("https://hub.example/token", 401, "invalid_client", "no",
				FailureKind.PERMANENT);
		Credentials failing = new Tokens(true) {

			@Override
			public Mono<Authorization> authorize() {
				return Mono.error(refused);
			}

		};
		CallStepFixtures.Script rest = new CallStepFixtures.Script(
				(context) -> Mono.just(CallStepFixtures.answer(200, "{}")));
		StepVerifier.create(new AuthorizeStep(failing).process(json(), rest)).verifyErrorMatches((ex) -> ex == refused);
		assertThat(rest.seen()).isEmpty();
	}

	private static CallContext json() {
		return CallContext.json(CallStepFixtures.get(), CallBudget.DEFAULT);
	}

	private static String bearer(CallContext context) {
		HttpHeaders headers = new HttpHeaders();
		context.authorization().headers().accept(headers);
		return headers.getFirst(HttpHeaders.AUTHORIZATION);
	}

	/** Bearer tokens handed out in order; remembers which were rejected. */
	private static class Tokens implements Credentials {

		private final boolean canRenew;

		private final Iterator<String> next;

		final List<String> rejected = new CopyOnWriteArrayList<>();

		Tokens(boolean canRenew, String... tokens) {
			this.canRenew = canRenew;
			this.next = List.of(tokens).iterator();
		}

		@Override
		public Mono<Authorization> authorize() {
			return Mono.fromSupplier(() -> {
				String token = this.next.next();
				return new Authorization(token, (headers) -> headers.setBearerAuth(token));
			});
		}

		@Override
		public Mono<Void> rejected(Authorization rejected) {
			return Mono.fromRunnable(() -> this.rejected.add(rejected.token()));
		}

		@Override
		public boolean canRenew() {
			return this.canRenew;
		}

		@Override
		public void close() {
		}

	}

}
