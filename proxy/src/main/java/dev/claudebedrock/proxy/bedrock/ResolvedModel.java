package dev.claudebedrock.proxy.bedrock;

/**
 * A client's model name resolved for Bedrock.
 *
 * @param clientName the name the client sent (responses carry it back)
 * @param bedrockId the id to invoke: inference profile, foundation model or ARN
 * @param countTokensId the foundation-model id CountTokens accepts, or empty when it cannot be known
 */
public record ResolvedModel(String clientName, String bedrockId, String countTokensId) {}
