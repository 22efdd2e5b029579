package dev.claudebedrock.proxy.doctor;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.DefaultModels;
import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.config.ProxyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Checks that Bedrock answers for each model the gateway serves (or the ones named with
 * {@code --model}): one {@code max_tokens: 1} InvokeModel each, in parallel, to the id the gateway
 * would call. A failure every model shares (credentials, region, network) is reported once.
 */
final class ModelChecks {
  private static final Set<String> BUSY = Set.of("ThrottlingException", "ServiceQuotaExceededException",
      "ServiceUnavailableException", "ModelNotReadyException", "InternalServerException", "ModelTimeoutException");

  /** A model to check: the name clients send, the id the gateway calls, and whether the operator listed it. */
  private record Probe(String name, String bedrockId, boolean builtIn) {}

  /** What one probe means. */
  private record Verdict(Report.Status status, String detail, List<String> fixes, boolean sharedByAll) {}

  private ModelChecks() {}

  static void run(ProxyConfig config, UpstreamAuth auth, List<String> only, Report report) {
    AwsConfig aws = config.aws();
    ModelCatalog catalog = new ModelCatalog(config.models(), aws.region());
    List<Probe> probes = new ArrayList<>();
    if (only.isEmpty()) {
      for (ModelEntry entry : catalog.served()) {
        probes.add(new Probe(entry.name(), catalog.resolve(entry.name()).orElseThrow().bedrockId(),
            DefaultModels.ENTRIES.contains(entry)));
      }
    } else {
      for (String name : only) {
        Optional<ResolvedModel> resolved = catalog.resolve(name);
        if (resolved.isEmpty()) {
          report.fail("Model " + name, "not a name the gateway can map to a Bedrock model", List.of(
              "Use a name listed by GET /v1/models, a Bedrock model id or ARN, or add it under models.map."));
        } else {
          probes.add(new Probe(name, resolved.get().bedrockId(), false));
        }
      }
    }
    if (probes.isEmpty()) {
      return;
    }
    List<Verdict> verdicts;
    try (BedrockProbe probe = new BedrockProbe(aws.endpoint(), auth)) {
      List<CompletableFuture<BedrockProbe.Outcome>> calls = probes.stream().map(p -> probe.invoke(p.bedrockId()))
          .toList();
      verdicts = calls.stream().map(CompletableFuture::join).map(outcome -> judge(outcome, aws)).toList();
    }
    Verdict first = verdicts.get(0);
    if (first.sharedByAll() && verdicts.stream().allMatch(v -> v.sharedByAll() && v.detail().equals(first.detail()))) {
      report.add(first.status(), "Bedrock " + aws.endpoint(), first.detail(), first.fixes());
      return;
    }
    int answered = 0;
    for (int i = 0; i < probes.size(); i++) {
      Probe p = probes.get(i);
      Verdict v = verdicts.get(i);
      String subject = "Model " + p.name() + " (" + p.bedrockId() + ")";
      if (v.status() != Report.Status.FAIL) {
        answered++;
        report.add(v.status(), subject, v.detail(), v.fixes());
      } else if (p.builtIn()) {
        List<String> fixes = new ArrayList<>(v.fixes());
        fixes.add("This is a built-in model; clients that ask for it get this error. models.include_defaults: false "
            + "serves only the models listed under models.map.");
        report.warn(subject, v.detail(), fixes);
      } else {
        report.fail(subject, v.detail(), v.fixes());
      }
    }
    if (answered == 0 && report.problems() == 0) {
      report.fail("Models", "Bedrock answered for none of the " + probes.size() + " models served", List.of(
          "Request access to the models you use in the Bedrock console of " + aws.region() + " (Model access), "
              + "or list the models this account may use under models.map."));
    }
  }

  private static Verdict judge(BedrockProbe.Outcome outcome, AwsConfig aws) {
    if (!outcome.answered()) {
      return new Verdict(Report.Status.FAIL, "no answer: " + Advice.describe(outcome.failure()),
          Advice.forConnectionFailure(outcome.failure(), aws.endpoint().url(), "BEDROCK_ENDPOINT"), true);
    }
    BedrockError error = outcome.error();
    if (error == null) {
      return new Verdict(Report.Status.OK, "answered in " + outcome.millis() + " ms", List.of(), false);
    }
    String type = error.type();
    String message = error.message();
    String detail = type + " (HTTP " + outcome.status() + "): " + message;
    Optional<List<String>> authFixes = Advice.forAuthError(type, message, aws.region());
    if (authFixes.isPresent()) {
      return new Verdict(Report.Status.FAIL, "refused the credentials: " + detail, authFixes.get(), true);
    }
    if (BUSY.contains(type)) {
      return new Verdict(Report.Status.WARN, "reachable and allowed, but busy: " + detail, List.of(
          "Retry later. Lasting throttling needs a higher quota (Service Quotas, Amazon Bedrock) or a cross-region "
              + "inference profile (models.geo_prefix)."),
          false);
    }
    if (type.equals("AccessDeniedException") && message.contains("not authorized to perform")) {
      return new Verdict(Report.Status.FAIL, detail, List.of(
          "Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream for this identity on the foundation "
              + "model (arn:aws:bedrock:*::foundation-model/*) and the inference profile "
              + "(arn:aws:bedrock:" + aws.region()
              + ":<account>:inference-profile/*); check SCPs and permission boundaries."),
          false);
    }
    if (type.equals("AccessDeniedException")) {
      return new Verdict(Report.Status.FAIL, "this account has no access to the model: " + detail, List.of(
          "Request access in the Bedrock console of " + aws.region() + " (Model access). A cross-region profile "
              + "(us., eu., apac., global.) needs access in every region it routes to.",
          "Or map the name to a model the account may use, under models.map."), false);
    }
    if (message.contains("on-demand throughput")) {
      return new Verdict(Report.Status.FAIL, detail, List.of(
          "This model is offered through inference profiles only: keep models.geo_prefix at auto (or set us, eu, "
              + "apac or global), or map the name to an inference-profile id under models.map."),
          false);
    }
    if (type.equals("ResourceNotFoundException") || message.contains("model identifier is invalid")) {
      return new Verdict(Report.Status.FAIL, "Bedrock in " + aws.region() + " does not offer it: " + detail, List.of(
          "Use a region that offers the model, a cross-region profile (models.geo_prefix: global), or another "
              + "Bedrock id under models.map."),
          false);
    }
    return new Verdict(Report.Status.FAIL, detail, List.of(
        "Look the error type up in the Bedrock InvokeModel reference; run the gateway with DEBUG=bedrock:upstream "
            + "to see the exchange."),
        false);
  }
}
