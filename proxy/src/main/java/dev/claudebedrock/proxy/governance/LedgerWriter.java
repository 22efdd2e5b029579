package dev.claudebedrock.proxy.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes ledger rows in batches on a thread of its own: an event loop only offers a row to a
 * bounded queue. A batch (at most {@code batch_size} rows, at most {@code flush_interval_ms} old) is
 * one transaction: the rows, and the daily rollups they add to. {@link #close()} writes what is
 * left (SIGTERM loses nothing); a crash loses at most the rows not yet written. Rows older than the
 * retention are deleted at start and once an hour.
 */
public final class LedgerWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
  private static final int QUEUE_CAPACITY = 100_000;
  private static final long RETENTION_SWEEP_MS = Duration.ofHours(1).toMillis();

  private final Database db;
  private final int batchSize;
  private final long flushMs;
  private final long retentionMs;
  private final BlockingQueue<LedgerRow> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private final List<Consumer<List<LedgerRow>>> afterWrite = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closing;
  private long lastSweep;

  public LedgerWriter(Database db, int batchSize, int flushMs, int retentionDays) {
    this.db = db;
    this.batchSize = batchSize;
    this.flushMs = flushMs;
    this.retentionMs = Duration.ofDays(retentionDays).toMillis();
    this.thread = new Thread(this::run, "ledger-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues a row; never blocks. A full queue (the database unreachable for long) drops it and counts it. */
  public void offer(LedgerRow row) {
    if (!queue.offer(row)) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        log.warn("The ledger queue is full ({} rows): the governance database is not keeping up; {} rows dropped",
            QUEUE_CAPACITY, dropped.get());
      }
    }
  }

  /** Rows dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Runs after each batch is committed, on the writer's thread (budget totals refresh from it). */
  public void afterWrite(Consumer<List<LedgerRow>> listener) {
    afterWrite.add(listener);
  }

  private void run() {
    sweepIfDue();
    List<LedgerRow> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        LedgerRow first = queue.poll(flushMs, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMs);
          while (batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            LedgerRow next = left <= 0 || closing ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
            batch.add(next);
          }
          write(batch);
          batch.clear();
        }
        sweepIfDue();
        if (closing && queue.isEmpty()) {
          return;
        }
      } catch (InterruptedException e) {
        if (closing) {
          queue.drainTo(batch);
          if (!batch.isEmpty()) {
            write(batch);
          }
          return;
        }
      }
    }
  }

  private void write(List<LedgerRow> batch) {
    for (int attempt = 1;; attempt++) {
      try {
        insert(batch);
        for (Consumer<List<LedgerRow>> listener : afterWrite) {
          listener.accept(batch);
        }
        return;
      } catch (SQLException | RuntimeException e) {
        if (attempt >= 5 || closing && attempt >= 2) {
          log.error("Could not write {} ledger rows to the governance database, dropped: {}", batch.size(),
              e.getMessage());
          dropped.addAndGet(batch.size());
          return;
        }
        log.warn("Could not write {} ledger rows (attempt {}), retrying: {}", batch.size(), attempt, e.getMessage());
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void insert(List<LedgerRow> batch) throws SQLException {
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO gateway_ledger (request_id, at, day, key_id, "
          + "key_name, team_id, user_name, session_id, route, model, bedrock_model, region, input_tokens, "
          + "output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, cost_usd, status, "
          + "served, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (request_id) DO NOTHING")) {
        for (LedgerRow row : batch) {
          int i = 1;
          s.setString(i++, row.requestId());
          s.setLong(i++, row.at());
          s.setString(i++, day(row.at()));
          s.setString(i++, row.keyId());
          s.setString(i++, row.keyName());
          s.setString(i++, row.teamId());
          s.setString(i++, row.user());
          s.setString(i++, row.sessionId());
          s.setString(i++, row.route());
          s.setString(i++, row.model());
          s.setString(i++, row.bedrockModel());
          s.setString(i++, row.region());
          s.setLong(i++, row.usage().input());
          s.setLong(i++, row.usage().output());
          s.setLong(i++, row.usage().cacheWrite5m());
          s.setLong(i++, row.usage().cacheWrite1h());
          s.setLong(i++, row.usage().cacheRead());
          s.setDouble(i++, row.costUsd());
          s.setInt(i++, row.status());
          s.setInt(i++, row.served() ? 1 : 0);
          s.setLong(i, row.durationMs());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO gateway_spend_daily (day, key_id, team_id, "
          + "user_name, model, requests, input_tokens, output_tokens, cache_creation_input_tokens, "
          + "cache_read_input_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (day, key_id, team_id, user_name, model) DO UPDATE SET "
          + "requests = gateway_spend_daily.requests + excluded.requests, "
          + "input_tokens = gateway_spend_daily.input_tokens + excluded.input_tokens, "
          + "output_tokens = gateway_spend_daily.output_tokens + excluded.output_tokens, "
          + "cache_creation_input_tokens = gateway_spend_daily.cache_creation_input_tokens "
          + "+ excluded.cache_creation_input_tokens, "
          + "cache_read_input_tokens = gateway_spend_daily.cache_read_input_tokens + excluded.cache_read_input_tokens, "
          + "cost_usd = gateway_spend_daily.cost_usd + excluded.cost_usd")) {
        for (Map.Entry<List<String>, long[]> e : rollup(batch).entrySet()) {
          List<String> k = e.getKey();
          long[] v = e.getValue();
          for (int i = 0; i < 5; i++) {
            s.setString(i + 1, k.get(i));
          }
          for (int i = 0; i < 5; i++) {
            s.setLong(i + 6, v[i]);
          }
          s.setDouble(11, Double.longBitsToDouble(v[5]));
          s.addBatch();
        }
        s.executeBatch();
      }
    });
  }

  /** The batch's served rows summed by day, key, team, user and model: requests, 4 token counts, cost (as bits). */
  private static Map<List<String>, long[]> rollup(List<LedgerRow> batch) {
    Map<List<String>, long[]> sums = new LinkedHashMap<>();
    for (LedgerRow row : batch) {
      if (!row.served()) {
        continue;
      }
      long[] v = sums.computeIfAbsent(List.of(day(row.at()), row.keyId(), row.teamId(), row.user(), row.model()),
          k -> new long[] {0, 0, 0, 0, 0, Double.doubleToLongBits(0)});
      v[0]++;
      v[1] += row.usage().input();
      v[2] += row.usage().output();
      v[3] += row.usage().cacheWrite();
      v[4] += row.usage().cacheRead();
      v[5] = Double.doubleToLongBits(Double.longBitsToDouble(v[5]) + row.costUsd());
    }
    return sums;
  }

  private void sweepIfDue() {
    long now = System.currentTimeMillis();
    if (now - lastSweep < RETENTION_SWEEP_MS) {
      return;
    }
    lastSweep = now;
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(
            "DELETE FROM gateway_ledger WHERE at < ?")) {
      s.setLong(1, now - retentionMs);
      int deleted = s.executeUpdate();
      if (deleted > 0) {
        log.info("Deleted {} ledger rows older than the retention", deleted);
      }
    } catch (SQLException e) {
      log.warn("Could not delete old ledger rows: {}", e.getMessage());
    }
  }

  static String day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).toString();
  }

  /** Writes every queued row, then stops. */
  @Override
  public void close() {
    closing = true;
    thread.interrupt();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
