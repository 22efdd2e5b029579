package dev.claudebedrock.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmarks start the gateway as the image does: the flags must follow the Dockerfile's jvm.options. */
class GatewayJvmFlagsTest {
  private static final Pattern OPTION_LINE = Pattern.compile("^\\s+'(-[^']+)'\\s*\\\\?$", Pattern.MULTILINE);

  @Test
  void areTheImagesJvmOptions() throws IOException {
    String dockerfile = Files.readString(TestRepository.root().resolve("Dockerfile"));
    String block = dockerfile.substring(dockerfile.indexOf("RUN printf '%s\\n'"),
        dockerfile.indexOf("> /app/jvm.options"));
    Matcher options = OPTION_LINE.matcher(block);
    List<String> flags = options.results().map(match -> match.group(1)).toList();
    assertThat(Launcher.PRODUCTION_JVM_FLAGS).isEqualTo(flags);
  }
}
