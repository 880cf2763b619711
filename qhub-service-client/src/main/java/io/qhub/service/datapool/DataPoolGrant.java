package io.qhub.service.datapool;

import java.util.Objects;

/**
 * A data-pool access grant for {@code run} to acquire: a short-lived JWT for
 * {@code (datapoolId, applicationId,
 * permission)} is obtained from the platform and a {@link DataPoolReference} carrying it
 * is put into the request under {@code name}, replacing whatever the request held there.
 *
 * @param name the request key the reference is put under (the service's parameter name)
 * @param datapoolId the data pool
 * @param applicationId the application the grant is requested for
 * @param permission what the grant allows
 */
public record DataPoolGrant(String name, String datapoolId, String applicationId, DataPoolPermission permission) {

	/** Rejects blank names and ids. */
	public DataPoolGrant {
		requireText(name, "name");
		requireText(datapoolId, "datapoolId");
		requireText(applicationId, "applicationId");
		Objects.requireNonNull(permission, "permission");
	}

	/**
	 * A grant with the default permission {@link DataPoolPermission#MODIFY}.
	 * @param name the request key
	 * @param datapoolId the data pool
	 * @param applicationId the application
	 */
	public DataPoolGrant(String name, String datapoolId, String applicationId) {
		this(name, datapoolId, applicationId, DataPoolPermission.MODIFY);
	}

	private static void requireText(String value, String argument) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(argument + " must not be blank");
		}
	}

}
