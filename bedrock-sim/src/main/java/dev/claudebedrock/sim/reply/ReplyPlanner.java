package dev.claudebedrock.sim.reply;

import dev.claudebedrock.sim.auth.Hashing;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decides the reply to a request from the request alone (see the README's reply rules): an optional thinking
 * block, the echo of the last user text (or as many words as a directive asks for), an optional tool call, then
 * max_tokens and stop sequences applied to the whole.
 */
final class ReplyPlanner {
  static final String DEFAULT_THINKING = "Let me think about how to answer this.";
  static final int ECHO_WORD_LIMIT = 100;
  static final int TOOL_INPUT_PIECE = 12;

  private ReplyPlanner() {}

  static Reply plan(ReplyRequest request) {
    List<ReplyBlock> blocks = new ArrayList<>();
    int budget = request.maxTokens();

    if (request.thinking() != ReplyRequest.Thinking.OFF) {
      Integer wanted = request.directives().thinkingTokens();
      List<String> pieces = Pieces.words(wanted == null ? DEFAULT_THINKING : Pieces.cycle(wanted, request.userText()));
      List<String> taken = take(pieces, budget);
      budget -= taken.size();
      blocks.add(new ReplyBlock.Thinking(taken, signature(String.join("", taken)),
          request.thinking() == ReplyRequest.Thinking.OMITTED));
      if (taken.size() < pieces.size()) {
        return new Reply(blocks, "max_tokens", null);
      }
    }

    ReplyRequest.Tool tool = chooseTool(request);
    boolean forced = tool != null && (request.toolChoice().equals("any") || request.toolChoice().equals("tool"));
    if (!forced) {
      String text = replyText(request, tool != null);
      StopCut cut = StopCut.apply(text, request.stopSequences());
      List<String> pieces = request.outputSchema() != null ? Pieces.chunks(cut.text(), TOOL_INPUT_PIECE)
          : Pieces.words(cut.text());
      List<String> taken = take(pieces, budget);
      budget -= taken.size();
      if (!taken.isEmpty()) {
        blocks.add(new ReplyBlock.Text(taken));
      }
      if (taken.size() < pieces.size()) {
        return new Reply(blocks, "max_tokens", null);
      }
      if (cut.stopSequence() != null) {
        return new Reply(blocks, "stop_sequence", cut.stopSequence());
      }
    }

    if (tool != null) {
      if (budget == 0) {
        return new Reply(blocks, "max_tokens", null);
      }
      String input = ToolInputs.forSchema(tool.inputSchema()).toString();
      List<String> pieces = Pieces.chunks(input, TOOL_INPUT_PIECE);
      List<String> taken = take(pieces, budget);
      boolean complete = taken.size() == pieces.size();
      blocks.add(new ReplyBlock.ToolUse(Ids.toolUseId(), tool.name(), input, taken, complete));
      return new Reply(blocks, complete ? "tool_use" : "max_tokens", null);
    }
    return new Reply(blocks, "end_turn", null);
  }

  private static String replyText(ReplyRequest request, boolean toolFollows) {
    if (request.outputSchema() != null) {
      return ToolInputs.forSchema(request.outputSchema()).toString();
    }
    Integer tokens = request.directives().tokens();
    if (tokens != null) {
      return Pieces.cycle(tokens, request.userText());
    }
    if (!request.userText().isEmpty()) {
      return Pieces.firstWords(request.userText(), ECHO_WORD_LIMIT);
    }
    return toolFollows ? "" : "OK";
  }

  private static ReplyRequest.Tool chooseTool(ReplyRequest request) {
    List<ReplyRequest.Tool> tools = request.tools();
    String directive = request.directives().tool();
    if (request.toolChoice().equals("none") || (tools.isEmpty() && !request.toolChoice().equals("tool"))) {
      return null;
    }
    if (directive != null) {
      return directive.isEmpty() ? tools.get(0) : named(tools, directive);
    }
    return switch (request.toolChoice()) {
      case "any" -> tools.get(0);
      case "tool" -> {
        ReplyRequest.Tool named = named(tools, request.forcedTool());
        yield named != null ? named : new ReplyRequest.Tool(request.forcedTool(), JsonBodies.MAPPER.createObjectNode());
      }
      default -> null;
    };
  }

  private static ReplyRequest.Tool named(List<ReplyRequest.Tool> tools, String name) {
    for (ReplyRequest.Tool tool : tools) {
      if (tool.name().equals(name)) {
        return tool;
      }
    }
    return null;
  }

  private static List<String> take(List<String> pieces, int budget) {
    return pieces.size() <= budget ? pieces : pieces.subList(0, Math.max(0, budget));
  }

  private static String signature(String thinking) {
    return Base64.getEncoder()
        .encodeToString(Hashing.sha256(("sim-thinking:" + thinking).getBytes(StandardCharsets.UTF_8)));
  }

  /** A text cut at its earliest stop sequence. */
  record StopCut(String text, String stopSequence) {
    static StopCut apply(String text, List<String> stopSequences) {
      int earliest = -1;
      String found = null;
      for (String stop : stopSequences) {
        int at = text.indexOf(stop);
        if (at >= 0 && (earliest < 0 || at < earliest)) {
          earliest = at;
          found = stop;
        }
      }
      return found == null ? new StopCut(text, null) : new StopCut(text.substring(0, earliest), found);
    }
  }
}
