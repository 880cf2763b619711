package io.qhub.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A real database as one instance sees it through a network that can be cut: while
 * unplugged, every new connection fails as a refused one does, while other instances on
 * the same database go on. The JDBC tracking store opens a connection per statement, so
 * unplugging cuts off its next statement.
 */
final class UnpluggableDataSource extends DelegatingDataSource {

	private volatile boolean unplugged;

	/**
	 * A plugged-in view of a database.
	 * @param database the database
	 */
	UnpluggableDataSource(DataSource database) {
		super(database);
	}

	/** Cuts this view off from the database. */
	void unplug() {
		this.unplugged = true;
	}

	/** Plugs this view in again. */
	void plugIn() {
		this.unplugged = false;
	}

	@Override
	public Connection getConnection() throws SQLException {
		refuseWhileUnplugged();
		return super.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		refuseWhileUnplugged();
		return super.getConnection(username, password);
	}

	private void refuseWhileUnplugged() throws SQLException {
		if (this.unplugged) {
			throw new SQLTransientConnectionException("Connection refused (unplugged for this test)", "08001");
		}
	}

}
