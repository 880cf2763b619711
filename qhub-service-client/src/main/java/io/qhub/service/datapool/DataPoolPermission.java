package io.qhub.service.datapool;

/** What a data-pool grant allows. */
public enum DataPoolPermission {

	/** Read only. */
	VIEW,
	/** Read and write (the default). */
	MODIFY

}
