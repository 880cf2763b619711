package io.qhub.service.datapool;

/** Discriminator of a reference in a request; only data pools exist. */
public enum ReferenceType {

	/** A data pool. */
	DATAPOOL

}
