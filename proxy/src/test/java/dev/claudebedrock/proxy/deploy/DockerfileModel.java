package dev.claudebedrock.proxy.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's Dockerfile read into stages of instructions (continuations joined, comments dropped). */
record DockerfileModel(List<Instruction> global, Map<String, List<Instruction>> stages) {
  private static final Pattern FROM = Pattern.compile("(\\S+)\\s+(?i:AS)\\s+(\\S+)");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** One instruction: its keyword (upper case) and the rest of the line. */
  record Instruction(String keyword, String arguments) {}

  static DockerfileModel read() {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : DeployFiles.read("Dockerfile").split("\n")) {
      String stripped = line.strip();
      if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (stripped.endsWith("\\")) {
        current.append(stripped, 0, stripped.length() - 1).append(' ');
      } else {
        current.append(stripped);
        lines.add(current.toString().strip());
        current.setLength(0);
      }
    }
    List<Instruction> global = new ArrayList<>();
    Map<String, List<Instruction>> stages = new LinkedHashMap<>();
    List<Instruction> target = global;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      int space = line.indexOf(' ');
      Instruction instruction = new Instruction(line.substring(0, space).toUpperCase(java.util.Locale.ROOT),
          line.substring(space + 1).strip());
      if (instruction.keyword().equals("FROM")) {
        Matcher m = FROM.matcher(instruction.arguments());
        if (!m.matches()) {
          throw new AssertionError("every stage is named (FROM image AS name): " + line);
        }
        target = new ArrayList<>();
        target.add(instruction);
        stages.put(m.group(2), target);
      } else {
        target.add(instruction);
      }
    }
    return new DockerfileModel(global, stages);
  }

  List<Instruction> stage(String name) {
    List<Instruction> stage = stages.get(name);
    if (stage == null) {
      throw new AssertionError("no stage " + name + " in " + stages.keySet());
    }
    return stage;
  }

  /** The instructions of a stage with a keyword. */
  List<String> all(String stage, String keyword) {
    return stage(stage).stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
  }

  /** The default of an ARG ({@code ARG NAME=value}) declared before the stages or in a stage. */
  String argDefault(String name) {
    List<Instruction> everything = new ArrayList<>(global);
    stages.values().forEach(everything::addAll);
    for (Instruction instruction : everything) {
      if (instruction.keyword().equals("ARG") && instruction.arguments().startsWith(name + "=")) {
        return instruction.arguments().substring(name.length() + 1).replace("\"", "");
      }
    }
    throw new AssertionError("no ARG " + name + " with a default");
  }

  /** The modules the jlink stage puts in the runtime. */
  List<String> jlinkModules() {
    return List.of(argDefault("JLINK_MODULES").split(","));
  }

  /** The JVM options the base stage writes to /app/jvm.options (single-quoted printf arguments). */
  List<String> jvmOptions() {
    for (String run : all("base", "RUN")) {
      if (run.contains("/app/jvm.options")) {
        List<String> options = new ArrayList<>();
        Matcher m = QUOTED.matcher(run);
        while (m.find()) {
          if (!m.group(1).contains("%s")) {
            options.add(m.group(1));
          }
        }
        return options;
      }
    }
    throw new AssertionError("no RUN writing /app/jvm.options in the base stage");
  }
}
