package io.qhub.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.qhub.test.gateway.GatewayCertificate;
import io.qhub.test.gateway.LocalHubGateway;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Starts a {@link LocalHubGateway} for a Spring test context (e.g. a
 * {@code @SpringBootTest}), registers it as a bean (stopped when the context closes) and
 * points the Hub properties at it: {@code qhub.service.endpoint},
 * {@code qhub.service.token-endpoint}, {@code qhub.service.access-key-id},
 * {@code qhub.service.secret-access-key}, {@code qhub.platform.endpoint} and
 * {@code qhub.platform.api-key} (and, with {@link #tls()}, an SSL bundle trusting its
 * certificate). Properties given inline on the test
 * ({@code @SpringBootTest(properties = ...)},
 * {@code @TestPropertySource(properties = ...)}) still win, so a test can override one of
 * them. Tests then {@code @Autowired LocalHubGateway gateway} to script faults and assert
 * on calls and requests.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureLocalHubGateway(runMillis = 100)
 * class MyTests {
 *     &#64;Autowired HubServiceClient client;
 *     &#64;Autowired LocalHubGateway gateway;
 * }
 * </pre>
 *
 * It works in Spring Boot's test slices too ({@code @WebMvcTest}, {@code @WebFluxTest},
 * {@code @JsonTest}, ...): like Boot's own {@code @AutoConfigure...} annotations it
 * imports the auto-configuration it needs (the Hub clients', listed in
 * {@code META-INF/spring/io.qhub.test.autoconfigure.AutoConfigureLocalHubGateway.imports}),
 * which a slice would otherwise leave out.
 *
 * Each distinct set of attribute values is a distinct (cached) test context with its own
 * gateway.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureLocalHubGateway {

	/** The access key id of the test key pair. */
	String DEFAULT_ACCESS_KEY_ID = "test-access-key-id";

	/** The secret access key of the test key pair. */
	String DEFAULT_SECRET_ACCESS_KEY = "test-secret-access-key";

	/** The platform API key the grant endpoint accepts. */
	String DEFAULT_PLATFORM_API_KEY = "test-platform-api-key";

	/**
	 * The access key id the gateway's token endpoint accepts (and
	 * {@code qhub.service.access-key-id}).
	 * @return the key id
	 */
	String accessKeyId() default DEFAULT_ACCESS_KEY_ID;

	/**
	 * The secret access key the gateway's token endpoint accepts (and
	 * {@code qhub.service.secret-access-key}).
	 * @return the secret
	 */
	String secretAccessKey() default DEFAULT_SECRET_ACCESS_KEY;

	/**
	 * Whether the gateway serves service calls without a token; then no key pair is
	 * configured on the client either ({@code qhub.service.access-key-id} and
	 * {@code secret-access-key} are left unset).
	 * @return {@code true} for an anonymous gateway
	 */
	boolean anonymous() default false;

	/**
	 * The platform API key the gateway's grant endpoint accepts
	 * ({@code qhub.platform.api-key}).
	 * @return the key
	 */
	String platformApiKey() default DEFAULT_PLATFORM_API_KEY;

	/**
	 * The service path, {@code /<context>/<service>/<version>}.
	 * @return the path
	 */
	String servicePath() default "/local/echo/1.0.0";

	/**
	 * How long each execution stays PENDING, in milliseconds.
	 * @return the pending time
	 */
	long pendingMillis() default 50;

	/**
	 * How long each execution stays RUNNING before its outcome, in milliseconds.
	 * @return the run time
	 */
	long runMillis() default 200;

	/**
	 * Whether the gateway serves HTTPS, with a self-signed {@link GatewayCertificate}
	 * generated for the context; the client then trusts it through a Spring Boot SSL
	 * bundle named {@code local-hub-gateway}
	 * ({@code spring.ssl.bundle.pem.local-hub-gateway.truststore.certificate} and
	 * {@code qhub.service.ssl.bundle=local-hub-gateway} are set).
	 * @return {@code true} for HTTPS
	 */
	boolean tls() default false;

}
