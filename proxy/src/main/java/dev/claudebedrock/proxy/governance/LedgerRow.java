package dev.claudebedrock.proxy.governance;

/**
 * One request as the spend ledger keeps it.
 *
 * @param requestId the gateway's {@code req_…} id
 * @param at when it arrived, epoch milliseconds
 * @param keyId the key's id ({@code key_…}, {@code cfg:<name>})
 * @param keyName the key's name
 * @param teamId the team's id, or empty
 * @param user the key's user, or empty
 * @param sessionId Claude Code's {@code x-claude-code-session-id}, or null
 * @param route {@code /v1}, {@code /openai} or {@code /bedrock}
 * @param model the model the client asked for
 * @param bedrockModel the Bedrock model id called
 * @param region the Bedrock region called
 * @param usage the tokens Bedrock reported
 * @param costUsd what they cost
 * @param status the HTTP status answered
 * @param served whether Bedrock served the request (it counts as spend)
 * @param durationMs from arrival to the last byte
 */
public record LedgerRow(String requestId, long at, String keyId, String keyName, String teamId, String user,
    String sessionId, String route, String model, String bedrockModel, String region, TokenUsage usage, double costUsd,
    int status, boolean served, long durationMs) {}
