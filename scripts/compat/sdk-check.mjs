// Drives the gateway with an Anthropic TypeScript SDK: create, stream, count_tokens, models, an error.
// Usage: node sdk-check.mjs <sdk module directory> <gateway URL> <token>
import { pathToFileURL } from "node:url";
import path from "node:path";
import assert from "node:assert/strict";

const [sdkDir, baseURL, apiKey] = process.argv.slice(2);
const { default: Anthropic } = await import(pathToFileURL(path.join(sdkDir, "index.mjs")).href);
const client = new Anthropic({ baseURL, apiKey, maxRetries: 0 });
const request = { model: "claude-sonnet-5-5", max_tokens: 64, messages: [{ role: "user", content: "Hello from the SDK" }] };

const message = await client.messages.create(request);
assert.equal(message.model, "claude-sonnet-5-5");
assert.match(message.content[0].text, /Hello from the SDK/);

const events = [];
const stream = client.messages.stream(request);
stream.on("streamEvent", (event) => events.push(event.type));
const streamed = await stream.finalMessage();
assert.deepEqual(streamed.content, message.content);
assert.equal(events[0], "message_start");
assert.equal(events.at(-1), "message_stop");

const count = await client.messages.countTokens({ model: request.model, messages: request.messages });
assert.ok(count.input_tokens > 0);

const models = await client.models.list();
assert.ok(models.data.some((m) => m.id === "claude-opus-5-5"));

await assert.rejects(client.messages.create({ ...request, model: "not-a-claude-model" }), (e) => e.status === 404);
console.log(`ok: create, stream (${events.length} events), count_tokens (${count.input_tokens}), models (${models.data.length}), errors`);
