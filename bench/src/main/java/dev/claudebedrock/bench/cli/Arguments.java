package dev.claudebedrock.bench.cli;

import dev.claudebedrock.bench.run.Tools;

import java.nio.file.Path;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Options of one command: {@code --name value}, {@code --name=value}, or {@code --name} alone for a switch. Every
 * option must be read once; {@link #finish()} rejects the ones no one asked for.
 */
final class Arguments {
  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /** Parses the arguments; {@code switches} are the options that take no value. */
  static Arguments parse(String[] args, Set<String> switches) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      String value;
      if (switches.contains(name)) {
        if (equals >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        value = "true";
      } else if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return new Arguments(values);
  }

  Optional<String> optional(String name) {
    read.add(name);
    return Optional.ofNullable(values.get(name));
  }

  /** The repository named by {@code --repository}, default the working directory. */
  Path repository() {
    return Path.of(string("repository", "."));
  }

  /** The programs built under {@code --repository}; one that is missing is a usage error. */
  Tools tools() {
    return toolsUnder(repository());
  }

  /** The programs built under {@code repository}; one that is missing is a usage error. */
  static Tools toolsUnder(Path repository) {
    try {
      return Tools.find(repository);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  boolean isSet(String name) {
    return optional(name).isPresent();
  }

  int integer(String name, int fallback, int min, int max) {
    double value = number(name, fallback, min, max);
    if (value != Math.rint(value)) {
      throw new UsageException("--" + name + " " + plain(value) + ": expected a whole number");
    }
    return (int) value;
  }

  double decimal(String name, double fallback, double min, double max) {
    return number(name, fallback, min, max);
  }

  /** A duration in seconds, fractions allowed. */
  Duration seconds(String name, double fallback, double min, double max) {
    return Duration.ofNanos(Math.round(number(name, fallback, min, max) * 1e9));
  }

  private double number(String name, double fallback, double min, double max) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(text.get());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " " + text.get() + ": not a number");
    }
    if (!(value >= min && value <= max)) {
      throw new UsageException("--" + name + " " + text.get() + ": expected " + plain(min) + " to " + plain(max));
    }
    return value;
  }

  /** Rejects options that no one read. */
  void finish() {
    Set<String> unknown = new HashSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new UsageException(
          "unknown option" + (unknown.size() > 1 ? "s" : "") + " --" + String.join(", --", unknown));
    }
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
