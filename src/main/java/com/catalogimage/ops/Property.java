package com.catalogimage.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration property a flag sets. A flag given on the command line becomes that property for Spring, above
 * the job profile and application.yml; a flag not given sets nothing, so the profile or the properties record's
 * default applies (which is also what the flag's help shows as its default).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Property {

	/** e.g. {@code imagebatch.generation.rpm} */
	String value();

}
