package dev.claudebedrock.proxy.governance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.claudebedrock.proxy.config.ConfigException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The governance database: an embedded SQLite file for one replica, Postgres for many. Opens a
 * connection pool (HikariCP) and brings the schema up to date (Flyway, migrations under
 * {@code db/governance}) before anything reads it.
 */
public final class Database implements AutoCloseable {
  /** Which SQL engine is behind the pool. */
  public enum Kind {
    SQLITE,
    POSTGRES
  }

  private final HikariDataSource pool;
  private final Kind kind;
  private final String description;

  private Database(HikariDataSource pool, Kind kind, String description) {
    this.pool = pool;
    this.kind = kind;
    this.description = description;
  }

  /** Opens {@code sqlite:PATH} or {@code postgres://user:password@host:port/db}, and migrates it. */
  public static Database open(String url, int poolSize) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("governance");
    hikari.setMaximumPoolSize(poolSize);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(10_000);
    Kind kind;
    String description;
    if (url.startsWith("sqlite:")) {
      Path file = Path.of(url.substring("sqlite:".length())).toAbsolutePath();
      requireWritable(file);
      // The driver unpacks its native library into a temporary folder; a container's /tmp is often
      // mounted noexec, so it goes beside the database, which must be writable anyway.
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        System.setProperty("org.sqlite.tmpdir", file.getParent().toString());
      }
      hikari.setJdbcUrl("jdbc:sqlite:" + file);
      // WAL lets readers work beside the one writer; a busy writer is waited for, not failed.
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("busy_timeout", "10000");
      hikari.addDataSourceProperty("synchronous", "NORMAL");
      kind = Kind.SQLITE;
      description = "SQLite " + file;
    } else {
      URI uri = URI.create(url);
      String host = uri.getHost();
      if (host == null || uri.getPath() == null || uri.getPath().length() < 2) {
        throw new ConfigException("DATABASE_URL must look like postgres://user:password@host:port/database");
      }
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String database = uri.getPath().substring(1);
      hikari.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/" + database
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        hikari.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
        if (colon >= 0) {
          hikari.setPassword(decode(userInfo.substring(colon + 1)));
        }
      }
      kind = Kind.POSTGRES;
      description = "Postgres " + host + ":" + port + "/" + database;
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot open the governance database (" + description + "): "
          + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/governance").table("gateway_schema_history")
          .load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("Cannot bring the governance database (" + description + ") up to date: "
          + rootMessage(e), e);
    }
    return new Database(pool, kind, description);
  }

  /** The folder of a SQLite file must exist (it is created) and be writable, or start-up stops saying how to fix it. */
  private static void requireWritable(Path file) {
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
    } catch (Exception e) {
      throw readOnly(file, dir);
    }
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      throw readOnly(file, dir);
    }
  }

  private static ConfigException readOnly(Path file, Path dir) {
    return new ConfigException("The governance database " + file + " cannot be written: " + dir
        + " is read-only or missing. Mount a writable volume there (in the image: -v gateway-data:/app/data),"
        + " or set DATABASE_URL=sqlite:/a/writable/path/gateway.db, or DATABASE_URL=postgres://... for replicas");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /** A pooled connection; close it to give it back. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work {
    /** Runs on a connection whose changes commit together, or not at all. */
    void run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public void inTransaction(Work work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** The pool, for code that takes a {@link DataSource}. */
  public DataSource dataSource() {
    return pool;
  }

  /** SQLite or Postgres. */
  public Kind kind() {
    return kind;
  }

  /** Engine and location, without credentials (for logs). */
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }
}
