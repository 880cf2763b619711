package io.qhub.service.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A HAL link ({@code HALLink} schema) as found in a result's {@code _links}. Every field
 * is optional.
 *
 * @param href the URL of the link
 * @param templated whether the link is templated ({@code false} when absent)
 * @param type the media type of the link target
 * @param deprecation a URL with deprecation information
 * @param name the name of the link
 * @param profile a URL with profile information
 * @param title the title of the link
 * @param hreflang the language of the target resource
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HalLink(@Nullable String href, boolean templated, @Nullable String type, @Nullable String deprecation,
		@Nullable String name, @Nullable String profile, @Nullable String title, @Nullable String hreflang) {

	/**
	 * Creates a link with only an {@code href}.
	 * @param href the URL
	 * @return a new link
	 */
	public static HalLink of(String href) {
		return new HalLink(href, false, null, null, null, null, null, null);
	}

}
