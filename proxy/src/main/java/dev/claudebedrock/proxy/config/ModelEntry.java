package dev.claudebedrock.proxy.config;

import java.time.Instant;

/**
 * A model the gateway serves under a client-facing name.
 *
 * @param name what clients send as {@code model} (e.g. {@code claude-sonnet-4-5-20250929})
 * @param bedrockId a Bedrock foundation-model id (the region's geo prefix is added), a full inference-profile id,
 *     or an ARN (both used unchanged)
 * @param displayName shown by {@code GET /v1/models}
 * @param createdAt shown by {@code GET /v1/models}
 * @param countTokensId the foundation-model id for CountTokens when it cannot be derived (application profiles);
 *     empty to derive it from {@code bedrockId}
 */
public record ModelEntry(String name, String bedrockId, String displayName, Instant createdAt, String countTokensId) {}
