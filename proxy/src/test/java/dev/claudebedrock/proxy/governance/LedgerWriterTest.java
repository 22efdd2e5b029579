package dev.claudebedrock.proxy.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger writer on a real SQLite file: batches, rollups of served rows only, close flushes, retention. */
class LedgerWriterTest {
  @TempDir
  Path dir;

  @Test
  void closeWritesEveryQueuedRowAndRollsUpOnlyServedOnes() throws Exception {
    try (Database db = Database.open("sqlite:" + dir.resolve("ledger.db"), 2)) {
      LedgerWriter writer = new LedgerWriter(db, 3, 60_000, 90);
      long now = System.currentTimeMillis();
      for (int i = 0; i < 7; i++) {
        writer.offer(row("req_" + i, now, i != 6));
      }
      writer.close();
      SpendReports reports = new SpendReports(db);
      assertThat(reports.requests("key_a", 100).get("data")).hasSize(7);
      JsonNode spend = reports.spend("key", null, null, null).json().get("data");
      assertThat(spend.get(0).get("requests").asLong()).isEqualTo(6);
      assertThat(spend.get(0).get("cost_usd").asDouble()).isEqualTo(0.006);
      assertThat(spend.get(0).get("cache_creation_input_tokens").asLong()).isEqualTo(6 * 30);
    }
  }

  @Test
  void rowsOlderThanTheRetentionAreDeletedAndTheirRollupsKept() throws Exception {
    try (Database db = Database.open("sqlite:" + dir.resolve("retention.db"), 2)) {
      long old = System.currentTimeMillis() - Duration.ofDays(100).toMillis();
      LedgerWriter first = new LedgerWriter(db, 10, 10, 365);
      first.offer(row("req_old", old, true));
      first.offer(row("req_new", System.currentTimeMillis(), true));
      first.close();
      new LedgerWriter(db, 10, 10, 90).close();   // sweeps when it starts
      SpendReports reports = new SpendReports(db);
      assertThat(reports.requests(null, 100).get("data").findValuesAsText("request_id")).containsExactly("req_new");
      String day = LedgerWriter.day(old);
      assertThat(reports.spend("day", day, day, null).json().get("data").get(0).get("requests").asLong()).isEqualTo(1);
    }
  }

  private static LedgerRow row(String id, long at, boolean served) {
    return new LedgerRow(id, at, "key_a", "a", "team_x", "a@example.com", null, "/v1", "claude-sonnet-4-5",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1", new TokenUsage(10, 20, 10, 20, 40),
        served ? 0.001 : 0, served ? 200 : 429, served, 12);
  }
}
