package dev.claudebedrock.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.GovernanceConfig;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.governance.Administration;
import dev.claudebedrock.proxy.governance.Database;
import dev.claudebedrock.proxy.governance.GovernanceStore;
import dev.claudebedrock.proxy.governance.KeyDirectory;
import dev.claudebedrock.proxy.governance.SpendReports;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators' command line on the same store the gateway uses ({@code DATABASE_URL}, or the
 * default SQLite file): {@code keys create|list|revoke|rotate} and {@code spend}. Prints JSON (CSV
 * for {@code spend --csv}); exits 1 on a refused operation, 2 on a usage error.
 */
public final class OperatorCommands {
  /** How to call the commands. */
  public static final String USAGE = """
        java -jar claude-bedrock-proxy.jar keys create --name NAME [--team TEAM_ID] [--user USER]
            [--models a,b] [--expires-at 2027-01-31T00:00:00Z] [--budget-usd N [--budget-period day|week|month]]
            [--rpm N] [--input-tpm N] [--output-tpm N] [--max-concurrent N]
        java -jar claude-bedrock-proxy.jar keys list [--team TEAM_ID]
        java -jar claude-bedrock-proxy.jar keys revoke KEY_ID
        java -jar claude-bedrock-proxy.jar keys rotate KEY_ID [--grace-seconds N]
            Creates, lists, revokes and rotates client keys in the governance store (DATABASE_URL, or
            data/gateway.db); a new secret is printed once.
        java -jar claude-bedrock-proxy.jar spend [--group-by key|team|user|model|day] [--from YYYY-MM-DD]
            [--to YYYY-MM-DD] [--team TEAM_ID] [--csv]
            Prints spend and usage from the ledger.
      """;

  private OperatorCommands() {}

  /** Runs {@code keys …} or {@code spend …}; returns the exit code. */
  public static int run(String command, Deque<String> args, ProxyConfig config, PrintStream out, PrintStream err) {
    GovernanceConfig governance = config.governance();
    try (Database db = Database.open(governance.effectiveDatabaseUrl(), 2)) {
      GovernanceStore store = new GovernanceStore(db);
      if (command.equals("spend")) {
        Map<String, String> options = options(args, List.of("--group-by", "--from", "--to", "--team"),
            List.of("--csv"));
        SpendReports.Report report = new SpendReports(db).spend(options.get("--group-by"), options.get("--from"),
            options.get("--to"), options.get("--team"));
        out.print(options.containsKey("--csv") ? report.csv() : pretty(report.json()));
        return 0;
      }
      try (KeyDirectory directory = new KeyDirectory(List.of(), governance, store)) {
        return keys(args, new Administration(store, directory, "cli"), out);
      }
    } catch (ApiException e) {
      err.println(e.error().message());
      return 1;
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("The command failed: " + e.getMessage());
      return 1;
    }
  }

  private static int keys(Deque<String> args, Administration admin, PrintStream out) throws Exception {
    String action = args.isEmpty() ? "" : args.removeFirst();
    switch (action) {
      case "create" -> {
        Map<String, String> o = options(args, List.of("--name", "--team", "--user", "--models", "--expires-at",
            "--budget-usd", "--budget-period", "--rpm", "--input-tpm", "--output-tpm", "--max-concurrent"), List.of());
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (!o.containsKey("--name")) {
          throw new UsageException("keys create needs --name");
        }
        body.put("name", o.get("--name"));
        putIf(body, "team_id", o.get("--team"));
        putIf(body, "user", o.get("--user"));
        putIf(body, "expires_at", o.get("--expires-at"));
        if (o.containsKey("--models")) {
          var models = body.putArray("models");
          for (String model : o.get("--models").split(",")) {
            models.add(model.strip());
          }
        }
        if (o.containsKey("--budget-usd")) {
          body.putObject("budget").put("usd", number(o.get("--budget-usd"), "--budget-usd"))
              .put("period", o.getOrDefault("--budget-period", "month"));
        }
        ObjectNode limits = Json.MAPPER.createObjectNode();
        putLimit(limits, "requests_per_minute", o.get("--rpm"));
        putLimit(limits, "input_tokens_per_minute", o.get("--input-tpm"));
        putLimit(limits, "output_tokens_per_minute", o.get("--output-tpm"));
        putLimit(limits, "max_concurrent", o.get("--max-concurrent"));
        if (!limits.isEmpty()) {
          body.set("limits", limits);
        }
        out.print(pretty(admin.createKey(body)));
      }
      case "list" -> out.print(pretty(admin.listKeys(options(args, List.of("--team"), List.of()).get("--team"))));
      case "revoke" -> out.print(pretty(admin.revokeKey(single(args, "keys revoke KEY_ID"))));
      case "rotate" -> {
        String id = args.isEmpty() ? null : args.removeFirst();
        if (id == null || id.startsWith("-")) {
          throw new UsageException("keys rotate needs a key id");
        }
        Map<String, String> o = options(args, List.of("--grace-seconds"), List.of());
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (o.containsKey("--grace-seconds")) {
          body.put("grace_seconds", (long) number(o.get("--grace-seconds"), "--grace-seconds"));
        }
        out.print(pretty(admin.rotateKey(id, body)));
      }
      default -> throw new UsageException("keys needs one of create, list, revoke, rotate");
    }
    return 0;
  }

  private static Map<String, String> options(Deque<String> args, List<String> valued, List<String> flags) {
    Map<String, String> options = new HashMap<>();
    Deque<String> rest = new ArrayDeque<>(args);
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      if (flags.contains(arg)) {
        options.put(arg, "");
      } else if (valued.contains(arg) && !rest.isEmpty()) {
        options.put(arg, rest.removeFirst());
      } else {
        throw new UsageException("Unknown or incomplete option: " + arg);
      }
    }
    return options;
  }

  private static String single(Deque<String> args, String usage) {
    if (args.size() != 1) {
      throw new UsageException("Usage: " + usage);
    }
    return args.removeFirst();
  }

  private static double number(String text, String option) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, not " + text);
    }
  }

  private static void putIf(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  private static void putLimit(ObjectNode limits, String field, String value) {
    if (value != null) {
      try {
        limits.put(field, Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new UsageException(field + " needs a whole number, not " + value);
      }
    }
  }

  private static String pretty(JsonNode json) throws Exception {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
