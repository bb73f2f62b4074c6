package com.catalogimage.remote;

import java.util.regex.Pattern;

/** A JDBC URL as a message may show it: without a password, in either of the forms a URL can carry one. */
final class DatabaseNames {

	private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)[;&]password=[^;&]*|(?<=\\?)password=[^;&]*&?");

	private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//([^/@:]*):[^/@]*@");

	private DatabaseNames() {
	}

	static String withoutPassword(String url) {
		return USER_INFO_PASSWORD.matcher(PASSWORD_SETTING.matcher(url).replaceAll("")).replaceAll("//$1@");
	}

}
