package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An image a client named by an http(s) URL, for the gateway to fetch.
 *
 * @param block the Messages image block, whose {@code url} source the fetched image replaces
 * @param param the request field it came from ({@code messages[0].content[1].image_url.url}), for errors
 * @param url the URL as the client sent it
 */
public record RemoteImage(ObjectNode block, String param, String url) {}
