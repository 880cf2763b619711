package io.qhub.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;

import io.qhub.autoconfigure.diagnostics.InvalidHubPropertyException;
import io.qhub.service.client.HubServiceClient;
import io.qhub.service.client.hostile.CountingProxy;
import io.qhub.service.core.HubTransportException;
import io.qhub.test.gateway.GatewayCertificate;
import io.qhub.test.gateway.GatewayOperation;
import io.qhub.test.gateway.LocalHubGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code qhub.service.ssl.bundle}: a real TLS server (a {@link LocalHubGateway} serving
 * HTTPS with a certificate made by {@code keytool} for this test) is trusted through a
 * Spring Boot SSL bundle, PEM or from the test key store, for the token exchange and the
 * service calls; Boot's {@code spring.http.clients.ssl.bundle} (its
 * {@code HttpClientSettings} bean) applies when the qhub key is unset, named services
 * inherit it, and without a bundle the server's certificate is refused.
 */
class SslBundleTests {

	@TempDir
	static Path certificates;

	private static GatewayCertificate certificate;

	private static LocalHubGateway gateway;

	private final ApplicationContextRunner contextRunner = LocalHubGatewayContext
		.contextRunner(SslAutoConfiguration.class);

	@BeforeAll
	static void startTlsGateway() {
		certificate = GatewayCertificate.generate(certificates);
		gateway = LocalHubGateway.builder().accessKey("tls-id", "tls-secret").tls(certificate).start();
	}

	@AfterAll
	static void stopTlsGateway() {
		gateway.close();
	}

	@BeforeEach
	void resetRecording() {
		gateway.resetRecording();
	}

	@Test
	void aPemBundleTrustsTheGateway() {
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues(pemBundle("gateway"), "qhub.service.ssl.bundle=gateway")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HubServiceClient client = context.getBean(HubServiceClient.class);
				assertThat(client.serviceEndpoint()).startsWith("https://");
				assertThat(client.getServiceExecutions()).isEmpty();
				assertThat(gateway.callCount(GatewayOperation.TOKEN)).isEqualTo(1);
				assertThat(gateway.callCount(GatewayOperation.GET_SERVICE_EXECUTIONS)).isEqualTo(1);
			});
	}

	@Test
	void aBundleFromTheTestKeyStoreTrustsTheGateway() {
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues("spring.ssl.bundle.jks.store.truststore.location=" + certificate.keyStore().toUri(),
					"spring.ssl.bundle.jks.store.truststore.type=PKCS12",
					"spring.ssl.bundle.jks.store.truststore.password=" + certificate.password(),
					"qhub.service.ssl.bundle=store")
			.run((context) -> assertThat(context.getBean(HubServiceClient.class).getServiceExecutions()).isEmpty());
	}

	@Test
	void withoutABundleTheSelfSignedCertificateIsRefused() {
		this.contextRunner.withPropertyValues(connection("qhub.service")).run((context) -> {
			HubServiceClient client = context.getBean(HubServiceClient.class);
			assertThatExceptionOfType(HubTransportException.class).isThrownBy(client::getServiceExecutions)
				.withMessageContaining("failed in TLS");
			assertThat(gateway.callCount(GatewayOperation.TOKEN)).isZero();
		});
	}

	@Test
	void bootsHttpClientBundleAppliesWhenTheQhubKeyIsUnset() {
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues(pemBundle("shared"), "spring.http.clients.ssl.bundle=shared")
			.run((context) -> assertThat(context.getBean(HubServiceClient.class).getServiceExecutions()).isEmpty());
	}

	@Test
	void theQhubKeyWinsOverBootsHttpClientBundle(@TempDir Path otherCertificates) {
		// Boot's bundle trusts another certificate only: the calls succeed because the
		// qhub bundle is used
		GatewayCertificate other = GatewayCertificate.generate(otherCertificates);
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues(pemBundle("gateway"), "qhub.service.ssl.bundle=gateway",
					"spring.ssl.bundle.pem.other.truststore.certificate=" + other.certificate().toUri(),
					"spring.http.clients.ssl.bundle=other")
			.run((context) -> assertThat(context.getBean(HubServiceClient.class).getServiceExecutions()).isEmpty());
	}

	@Test
	void bootsHttpClientBundleIsUsedAsIsWhenTheQhubKeyIsUnset(@TempDir Path otherCertificates) {
		GatewayCertificate other = GatewayCertificate.generate(otherCertificates);
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues("spring.ssl.bundle.pem.other.truststore.certificate=" + other.certificate().toUri(),
					"spring.http.clients.ssl.bundle=other")
			.run((context) -> assertThatExceptionOfType(HubTransportException.class)
				.isThrownBy(context.getBean(HubServiceClient.class)::getServiceExecutions)
				.withMessageContaining("failed in TLS"));
	}

	@Test
	void aNamedServiceInheritsTheBundle() {
		this.contextRunner.withPropertyValues(connection("qhub.services.optimizer"))
			.withPropertyValues(pemBundle("gateway"), "qhub.service.ssl.bundle=gateway")
			.run((context) -> assertThat(
					context.getBean(HubServiceClients.class).get("optimizer").getServiceExecutions())
				.isEmpty());
	}

	@Test
	void httpsThroughTheProxyWithTheBundle() throws IOException {
		try (CountingProxy proxy = new CountingProxy()) {
			this.contextRunner.withPropertyValues(connection("qhub.service"))
				.withPropertyValues(pemBundle("gateway"), "qhub.service.ssl.bundle=gateway",
						"qhub.service.proxy.host=127.0.0.1", "qhub.service.proxy.port=" + proxy.port())
				.run((context) -> assertThat(context.getBean(HubServiceClient.class).getServiceExecutions()).isEmpty());
			assertThat(proxy.targets()).isNotEmpty().allMatch(("127.0.0.1:" + gateway.port())::equals);
		}
	}

	@Test
	void anUnknownBundleIsReportedByProperty() {
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues(pemBundle("gateway"), "qhub.service.ssl.bundle=gatewya")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidHubPropertyException.class)
					.hasMessageContaining("'qhub.service.ssl.bundle' = 'gatewya'")
					.hasMessageContaining("must name an SSL bundle configured under spring.ssl.bundle (known: gateway)")
					.hasMessageNotContaining("ssl.bundle must");
			});
	}

	@Test
	void anUnknownBootBundleFailsStartupInSpringBootsOwnSettings() {
		// Boot resolves spring.http.clients.ssl.bundle when it creates its
		// HttpClientSettings bean, and reports it
		this.contextRunner.withPropertyValues(connection("qhub.service"))
			.withPropertyValues("spring.http.clients.ssl.bundle=missing")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(NoSuchSslBundleException.class)
				.hasMessageContaining("'missing'"));
	}

	private static String[] connection(String prefix) {
		return new String[] { prefix + ".endpoint=" + gateway.serviceEndpoint(),
				prefix + ".token-endpoint=" + gateway.tokenEndpoint(), "qhub.service.access-key-id=tls-id",
				"qhub.service.secret-access-key=tls-secret" };
	}

	private static String pemBundle(String name) {
		return "spring.ssl.bundle.pem." + name + ".truststore.certificate=" + certificate.certificate().toUri();
	}

}
