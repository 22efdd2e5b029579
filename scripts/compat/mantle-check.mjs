// Drives Bedrock's native Messages API with the official AnthropicBedrockMantle client (@anthropic-ai/bedrock-sdk):
// create, stream, count_tokens, an error. Against the simulator directly it signs with SigV4 (signing name
// bedrock-mantle); against the gateway's /mantle it sends the gateway token as its Bedrock API key.
// Usage: node mantle-check.mjs <bedrock-sdk module directory> <base URL> sigv4 <access key id> <secret access key>
//        node mantle-check.mjs <bedrock-sdk module directory> <base URL> key <API key or gateway token>
import { pathToFileURL } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";

const [sdkDir, baseURL, mode, ...secrets] = process.argv.slice(2);
const { AnthropicBedrockMantle } = await import(pathToFileURL(path.join(sdkDir, "index.mjs")).href);
const auth = mode === "sigv4" ? { awsAccessKey: secrets[0], awsSecretAccessKey: secrets[1] } : { apiKey: secrets[0] };
const client = new AnthropicBedrockMantle({ baseURL, awsRegion: "us-east-1", maxRetries: 0, ...auth });
const model = "anthropic.claude-haiku-4-5-20251001-v1:0";
const request = { model, max_tokens: 64, messages: [{ role: "user", content: "Hello from AnthropicBedrockMantle" }] };

const message = await client.messages.create(request);
assert.equal(message.type, "message");
assert.match(message.content[0].text, /Hello from AnthropicBedrockMantle/);

const events = [];
const stream = client.messages.stream(request);
stream.on("streamEvent", (event) => events.push(event.type));
const streamed = await stream.finalMessage();
assert.deepEqual(streamed.content, message.content);
assert.equal(events[0], "message_start");
assert.equal(events.at(-1), "message_stop");

const count = await client.messages.countTokens({ model: "anthropic.claude-opus-5-5", messages: request.messages });
assert.ok(count.input_tokens > 0);

await assert.rejects(client.messages.create({ ...request, model: "anthropic.claude-not-a-model" }),
  (e) => e.status === 404 && e.error?.error?.type === "not_found_error");
console.log(`ok: create, stream (${events.length} events), count_tokens (${count.input_tokens}), errors`);
