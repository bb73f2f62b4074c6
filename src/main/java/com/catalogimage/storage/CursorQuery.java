package com.catalogimage.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Runs a query whose rows are read a page at a time, however many there are. PostgreSQL's driver reads the whole
 * result into memory before the first row unless the statement has a fetch size and the connection is inside a
 * transaction (autocommit off); the report's query over a 100,000-product catalog would then hold every row at once.
 * So the query runs with a fetch size, and in a read-only transaction of its own when its caller has none (an
 * enclosing transaction is joined as it is). On H2 the fetch size changes nothing but over its TCP server.
 */
final class CursorQuery {

	static final int FETCH_SIZE = 500;

	private CursorQuery() {
	}

	static void forEachRow(JdbcTemplate jdbc, String sql, RowCallbackHandler rows, Object... args) {
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			boolean ownTransaction = connection.getAutoCommit();
			if (ownTransaction) {
				connection.setAutoCommit(false);
			}
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setFetchSize(FETCH_SIZE);
				new ArgumentPreparedStatementSetter(args).setValues(statement);
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						rows.processRow(result);
					}
				}
			}
			finally {
				if (ownTransaction) {
					endReadOnly(connection);
				}
			}
			return null;
		});
	}

	/** Ends the query's own transaction (it wrote nothing) and gives the connection back as it came: autocommit on. */
	private static void endReadOnly(Connection connection) throws SQLException {
		try {
			connection.rollback();
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

}
