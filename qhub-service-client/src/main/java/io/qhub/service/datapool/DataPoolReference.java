package io.qhub.service.datapool;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A data pool as it appears in a request: {@code {"id": "...", "ref": "DATAPOOL",
 * "grant": "<jwt>"}}, the {@code grant} omitted when null. {@link #toString()} never
 * shows the grant.
 *
 * @param id the data pool id
 * @param ref the reference type, always {@link ReferenceType#DATAPOOL}
 * @param grant the access grant JWT, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataPoolReference(String id, ReferenceType ref, @Nullable String grant) {

	/** Rejects a null id or type. */
	public DataPoolReference {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(ref, "ref");
	}

	/**
	 * A reference with a grant.
	 * @param id the data pool id
	 * @param grant the grant JWT, or {@code null}
	 */
	public DataPoolReference(String id, @Nullable String grant) {
		this(id, ReferenceType.DATAPOOL, grant);
	}

	@Override
	public String toString() {
		return "DataPoolReference[id=" + this.id + ", ref=" + this.ref + ", grant="
				+ ((this.grant != null) ? "<redacted>" : "null") + "]";
	}

}
