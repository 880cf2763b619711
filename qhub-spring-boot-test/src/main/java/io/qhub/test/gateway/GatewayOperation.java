package io.qhub.test.gateway;

/**
 * The operations a {@link LocalHubGateway} serves, for call counts, recorded requests and
 * fault injection.
 */
public enum GatewayOperation {

	/** {@code GET /}: list executions. */
	GET_SERVICE_EXECUTIONS,
	/** {@code POST /}: start an execution. */
	START_EXECUTION,
	/** {@code GET /{id}}: status. */
	GET_STATUS,
	/** {@code GET /{id}/result}: result. */
	GET_RESULT,
	/** {@code GET /{id}/result/{file}}: one result file. */
	GET_RESULT_FILE,
	/** {@code GET /{id}/log}: log entries. */
	GET_LOGS,
	/** {@code PUT /{id}/cancel}: cancel. */
	CANCEL_EXECUTION,
	/** {@code POST /token}: OAuth2 client-credentials token. */
	TOKEN,
	/** {@code POST /platform/data-pool-grants}: a data-pool access grant. */
	DATA_POOL_GRANT,
	/** Any request that matches no operation (answered 404). */
	UNMATCHED

}
