package dev.claudebedrock.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of ARCHITECTURE.md as ArchUnit rules, for any base package: the gateway's
 * ({@code dev.claudebedrock.proxy}) and a fixture's that breaks them on purpose.
 */
final class PackageRules {
  private PackageRules() {}

  /** The layer table: what each package may import of the others. */
  static ArchRule layering(String base) {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core").definedBy(base + ".core..")
        .layer("config").definedBy(base + ".config..")
        .layer("server").definedBy(base + ".server..")
        .layer("bedrock").definedBy(base + ".bedrock..")
        .layer("oidc").definedBy(base + ".oidc..")
        .layer("observability").definedBy(base + ".observability..")
        .layer("gateway").definedBy(base + ".gateway..")
        .layer("telemetry").definedBy(base + ".telemetry..")
        .layer("invoke").definedBy(base + ".invoke..")
        .layer("mantle").definedBy(base + ".mantle..")
        .layer("governance").definedBy(base + ".governance..")
        .layer("anthropic").definedBy(base + ".anthropic..")
        .layer("passthrough").definedBy(base + ".passthrough..")
        .layer("openai").definedBy(base + ".openai..")
        .layer("admin").definedBy(base + ".admin..")
        .layer("reload").definedBy(base + ".reload..")
        .layer("wiring").definedBy(base, base + ".doctor..", base + ".cli..")
        .whereLayer("core").mayNotAccessAnyLayer()
        .whereLayer("config").mayNotAccessAnyLayer()
        .whereLayer("server").mayOnlyAccessLayers("core", "config")
        .whereLayer("bedrock").mayOnlyAccessLayers("core", "config")
        .whereLayer("oidc").mayOnlyAccessLayers("core", "config", "server")
        .whereLayer("observability").mayOnlyAccessLayers("core", "config", "server", "bedrock")
        .whereLayer("gateway").mayOnlyAccessLayers("core", "config", "server", "bedrock")
        .whereLayer("telemetry").mayOnlyAccessLayers("core", "config", "server", "bedrock")
        .whereLayer("invoke").mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway")
        .whereLayer("mantle").mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway")
        .whereLayer("governance").mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway")
        .whereLayer("anthropic")
        .mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway", "invoke", "mantle",
            "governance")
        .whereLayer("passthrough")
        .mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway", "invoke", "mantle",
            "governance")
        .whereLayer("openai")
        .mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway", "invoke", "mantle",
            "governance")
        .whereLayer("admin")
        .mayOnlyAccessLayers("core", "config", "server", "bedrock", "observability", "gateway", "invoke", "mantle",
            "governance")
        .whereLayer("reload").mayOnlyAccessLayers("core", "config", "server")
        .because("ARCHITECTURE.md: lower layers never import higher ones, nor packages of one layer each other");
  }

  /** No package depends on itself through others. */
  static ArchRule noCycles(String base) {
    return slices().matching(base + ".(**)").should().beFreeOfCycles();
  }

  /** Stages write a request's facts and never read them: they decide by typed attributes; listeners read. */
  static ArchRule factsAreWrittenNotRead(String base) {
    String facts = base + ".server.RequestFacts";
    return noClasses().that().implement(base + ".server.Interceptor")
        .should().callMethodWhere(DescribedPredicate.describe("a getter of " + facts,
            (JavaMethodCall call) -> call.getTargetOwner().getFullName().equals(facts)
                && call.getTarget().getRawParameterTypes().isEmpty()))
        .because("ARCHITECTURE.md: stages write RequestFacts; only the listeners that report read them");
  }
}
