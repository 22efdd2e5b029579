package dev.claudebedrock.proxy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Dockerfile's promises: stages, cached dependencies, a jlinked runtime, tini, user 1001, health check, labels. */
class DockerfileTest {
  private final DockerfileModel dockerfile = DockerfileModel.read();

  @Test
  void buildsInStagesAndEndsWithTheGateway() {
    assertThat(dockerfile.stages().keySet()).containsExactly("builder", "jlink", "base", "bedrock-sim", "runtime");
    assertThat(dockerfile.argDefault("JDK_IMAGE")).startsWith("eclipse-temurin:25-jdk");
    assertThat(dockerfile.argDefault("BASE_IMAGE")).startsWith("alpine:");
    assertThat(dockerfile.stage("builder").get(0).arguments()).startsWith("${JDK_IMAGE}");
    assertThat(dockerfile.stage("jlink").get(0).arguments()).startsWith("${JDK_IMAGE}");
    assertThat(dockerfile.stage("base").get(0).arguments()).startsWith("${BASE_IMAGE}");
    assertThat(dockerfile.stage("runtime").get(0).arguments()).isEqualTo("base AS runtime");
    assertThat(dockerfile.stage("bedrock-sim").get(0).arguments()).isEqualTo("base AS bedrock-sim");
  }

  @Test
  void resolvesDependenciesFromThePomsBeforeTheSourcesArrive() {
    List<DockerfileModel.Instruction> builder = dockerfile.stage("builder");
    int goOffline = indexOf(builder, "RUN", "dependency:go-offline");
    int firstSources = indexOf(builder, "COPY", "src/");
    assertThat(goOffline).isPositive().isLessThan(firstSources);
    for (DockerfileModel.Instruction copy : builder.subList(0, goOffline)) {
      if (copy.keyword().equals("COPY")) {
        assertThat(copy.arguments()).matches("(mvnw pom\\.xml|\\.mvn/|deploy/image/|[a-z-]+/pom\\.xml) .*");
      }
    }
    assertThat(builder.get(indexOf(builder, "RUN", "package")).arguments()).contains("./mvnw").contains("-DskipTests");
  }

  @Test
  void keepsMavensRepositoryInACacheMountAndTakesCertificatesAndSettingsAsSecrets() {
    List<String> mavenSteps = dockerfile.all("builder", "RUN").stream().filter(run -> run.contains("./mvnw")).toList();
    assertThat(mavenSteps).hasSize(2).allSatisfy(run -> assertThat(run)
        .contains("--mount=type=cache,id=claude-code-m2,target=/root/.m2,sharing=locked")
        .contains("--mount=type=secret,id=ca-certificates").contains("--mount=type=secret,id=maven-settings")
        .contains(". deploy/image/build-env.sh && ./mvnw"));
    String buildEnv = DeployFiles.read("deploy/image/build-env.sh");
    assertThat(buildEnv).contains("/run/secrets/ca-certificates").contains("/run/secrets/maven-settings")
        .contains("java deploy/image/TrustStore.java").contains("trap 'rm -rf \"$build_trust\"' EXIT");
    assertThat(DeployFiles.file("deploy/image/TrustStore.java")).exists();
  }

  @Test
  void linksAMinimalRuntimeWithTheModulesTheJarsNeed() {
    assertThat(dockerfile.all("jlink", "RUN")).anySatisfy(run -> assertThat(run)
        .contains("jlink --add-modules \"${JLINK_MODULES}\"").contains("--strip-debug").contains("--no-man-pages")
        .as("not the JDK image's own JAVA_HOME (Temurin: /opt/java/openjdk)").contains("--output /opt/jre ")
        .as("the CAs of the JDK it was linked from")
        .contains("cp -L \"${java_home}/lib/security/cacerts\" /opt/jre/lib/security/cacerts"));
    assertThat(dockerfile.jlinkModules()).contains("java.base", "jdk.unsupported", "java.naming", "jdk.crypto.ec",
        "java.net.http", "java.management", "jdk.management", "java.xml", "java.logging")
        .doesNotContain("java.desktop", "jdk.jshell", "jdk.compiler");
    assertThat(dockerfile.all("base", "COPY")).contains("--from=jlink /opt/jre /opt/java");
  }

  @Test
  void runsUnderTiniAsUser1001WithAHealthCheckOnAnyBase() {
    assertThat(dockerfile.all("base", "RUN")).anySatisfy(run -> assertThat(run)
        .as("Alpine").contains("apk add --no-cache tini")
        .as("Debian, Ubuntu").contains("apt-get install -y -qq --no-install-recommends tini wget")
        .as("tini where the ENTRYPOINT looks").contains("[ -e /sbin/tini ] || ln -s \"$(command -v tini)\" /sbin/tini")
        .as("the health check's wget").contains("command -v wget")
        .as("user and group without user-management tools").contains("echo 'claude-code:x:1001:' >> /etc/group")
        .contains("echo 'claude-code:x:1001:1001:claude-code:/app:/sbin/nologin' >> /etc/passwd"));
    assertThat(dockerfile.all("base", "WORKDIR")).containsExactly("/app");
    for (String stage : List.of("runtime", "bedrock-sim")) {
      assertThat(dockerfile.all(stage, "USER")).containsExactly("1001:1001");
      assertThat(dockerfile.all(stage, "ENTRYPOINT")).singleElement().asString()
          .startsWith("[\"/sbin/tini\", \"--\", \"java\", \"@/app/jvm.options\"");
      assertThat(dockerfile.all(stage, "HEALTHCHECK")).singleElement().asString().contains("CMD wget -q -O /dev/null");
    }
    assertThat(dockerfile.all("runtime", "EXPOSE")).containsExactly("3000");
    assertThat(dockerfile.all("runtime", "HEALTHCHECK").get(0)).contains("/health/live");
    assertThat(dockerfile.all("runtime", "ENTRYPOINT").get(0)).endsWith("\"-jar\", \"/app/claude-bedrock-proxy.jar\"]");
    assertThat(dockerfile.all("runtime", "CMD")).containsExactly("[\"serve\"]");
    assertThat(dockerfile.all("runtime", "COPY")).contains(
        "--from=builder /build/claude-bedrock-proxy.jar /app/claude-bedrock-proxy.jar",
        ".claude/bedrock.config.yaml /app/.claude/bedrock.config.yaml");
  }

  @Test
  void labelsTheImageFromItsBuildArguments() {
    assertThat(dockerfile.all("runtime", "ARG")).contains("BUILD_DATE=unknown", "VCS_REF=unknown")
        .anyMatch(a -> a.startsWith("VERSION="));
    String labels = String.join(" ", dockerfile.all("runtime", "LABEL"));
    assertThat(labels).contains("org.opencontainers.image.created=\"${BUILD_DATE}\"")
        .contains("org.opencontainers.image.revision=\"${VCS_REF}\"")
        .contains("org.opencontainers.image.version=\"${VERSION}\"")
        .contains("org.opencontainers.image.title=\"claude-code\"");
  }

  @Test
  void setsContainerAwareJvmOptionsThatWriteNothingOutsideTmpAndGiveIdleMemoryBack() {
    assertThat(dockerfile.jvmOptions())
        .contains("-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp")
        .anySatisfy(o -> assertThat(o).matches("-XX:G1PeriodicGCInterval=[1-9][0-9]*"))
        .anySatisfy(o -> assertThat(o).startsWith("-XX:MaxRAMPercentage="))
        .anySatisfy(o -> assertThat(o).startsWith("-XX:ErrorFile=/tmp/"))
        .anySatisfy(o -> assertThat(o).matches("-XX:\\+Use(G1|Serial|Parallel|Z)GC"));
  }

  @Test
  void shipsTheNativeLibrariesUnpackedSoThatNothingIsLoadedFromTmp() {
    assertThat(dockerfile.all("builder", "RUN"))
        .contains("sh deploy/image/native-libs.sh /build/claude-bedrock-proxy.jar /build/native");
    assertThat(DeployFiles.read("deploy/image/native-libs.sh"))
        .contains("META-INF/native/libnetty_transport_native_epoll_${netty_arch}.so")
        .contains("java -cp \"$jar\" org.sqlite.util.OSInfo").contains("chmod 0444");
    assertThat(dockerfile.all("runtime", "COPY")).contains("--from=builder /build/native/ /app/native/");
    List<DockerfileModel.Instruction> runtime = dockerfile.stage("runtime");
    int options = indexOf(runtime, "RUN", "-Djava.library.path=/app/native");
    assertThat(runtime.get(options).arguments()).contains("'-Dorg.sqlite.lib.path=/app/native'")
        .contains("'-Dorg.sqlite.lib.name=libsqlitejdbc.so'").contains(">> /app/jvm.options");
    assertThat(options).as("written before the AOT cache is trained with them")
        .isLessThan(indexOf(runtime, "RUN", "aot-train.sh"));
  }

  @Test
  void sendsOnlyWhatTheBuildNeedsAsContext() {
    List<String> patterns = DeployFiles.read(".dockerignore").lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(patterns.get(0)).as("everything out first").isEqualTo("*");
    List<String> sources = new ArrayList<>();
    for (String stage : dockerfile.stages().keySet()) {
      for (String copy : dockerfile.all(stage, "COPY")) {
        if (!copy.startsWith("--from=")) {
          String[] words = copy.split("\\s+");
          sources.addAll(List.of(words).subList(0, words.length - 1));
        }
      }
    }
    assertThat(sources).isNotEmpty();
    for (String source : sources) {
      List<String> files = filesUnder(source);
      assertThat(files).as(source + " exists").isNotEmpty();
      assertThat(files.stream().filter(f -> included(patterns, f))).as(source + " reaches the build").isNotEmpty();
    }
    for (String mainSources : List.of("proxy/src/main", "bedrock-sim/src/main")) {
      assertThat(filesUnder(mainSources)).as("all of " + mainSources).allMatch(f -> included(patterns, f));
    }
    for (String excluded : List.of(".git/HEAD", ".env", "proxy/target/classes/x.class", "proxy/src/test/java/X.java",
        "bedrock-sim/src/test/java/X.java", "docs/deployment.md", "README.md", "deploy/k8s/deployment.yaml",
        ".idea/workspace.xml", "deploy/nginx/certs/privkey.pem", "bedrock-sim/load/invoke.lua")) {
      assertThat(included(patterns, excluded)).as(excluded + " stays out of the build context").isFalse();
    }
  }

  /** Docker's rule: the last pattern matching the path or one of its parent directories decides. */
  private static boolean included(List<String> patterns, String path) {
    boolean included = true;
    for (String raw : patterns) {
      boolean negated = raw.startsWith("!");
      String pattern = (negated ? raw.substring(1) : raw).replaceAll("/$", "");
      Pattern regex = Pattern.compile(pattern.replace(".", "\\.").replace("**", "\u0000").replace("*", "[^/]*")
          .replace("\u0000", ".*").replace("?", "[^/]"));
      String prefix = path;
      boolean matches = false;
      while (true) {
        if (regex.matcher(prefix).matches()) {
          matches = true;
          break;
        }
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
          break;
        }
        prefix = prefix.substring(0, slash);
      }
      if (matches) {
        included = negated;
      }
    }
    return included;
  }

  /** The repository's files at a path (itself, or every file below a directory), relative to the root. */
  private static List<String> filesUnder(String relative) {
    Path root = DeployFiles.root();
    if (!Files.exists(root.resolve(relative))) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root.resolve(relative))) {
      return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(List<DockerfileModel.Instruction> instructions, String keyword, String text) {
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals(keyword) && instructions.get(i).arguments().contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no " + keyword + " containing " + text);
  }
}
