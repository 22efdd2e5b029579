package dev.claudebedrock.sim.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --models file format. */
class ModelsFileTest {
  @TempDir
  Path dir;

  @Test
  void readsModelsWithDefaultsForEverythingButTheId() throws IOException {
    Path file = write("""
        {"models":[
          {"id":"anthropic.claude-sonnet-4-5-20250929-v1:0"},
          {"id":"anthropic.claude-opus-5-5","displayName":"Opus","profileOnly":true,"access":false}
        ],
        "applicationProfiles":[{"id":"abc","model":"anthropic.claude-sonnet-4-5-20250929-v1:0"}]}
        """);

    ModelsFile.Contents contents = ModelsFile.read(file);

    assertThat(contents.models()).containsExactly(
        new ModelSpec("anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5-20250929", false, true, true),
        new ModelSpec("anthropic.claude-opus-5-5", "claude-opus-5-5", "Opus", true, false, false));
    assertThat(contents.applicationProfiles()).containsExactly(
        new ApplicationProfileSpec("abc", "abc", "anthropic.claude-sonnet-4-5-20250929-v1:0"));
  }

  @Test
  void namesAnUnknownKeyAndAMissingId() throws IOException {
    assertThatThrownBy(() -> ModelsFile.read(write("{\"models\":[{\"id\":\"a\",\"colour\":\"red\"}]}")))
        .hasMessageContaining("models[0]").hasMessageContaining("unknown key \"colour\"");
    assertThatThrownBy(() -> ModelsFile.read(write("{\"models\":[{\"displayName\":\"x\"}]}")))
        .hasMessageContaining("models[0]: \"id\" must be a non-empty string");
    assertThatThrownBy(() -> ModelsFile.read(write("{\"models\":[]}")))
        .hasMessageContaining("\"models\" must be a non-empty array");
  }

  private Path write(String json) throws IOException {
    Path file = dir.resolve("models.json");
    Files.writeString(file, json);
    return file;
  }
}
