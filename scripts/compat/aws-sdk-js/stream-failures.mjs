// The AWS SDK for JavaScript v3 (@aws-sdk/client-bedrock-runtime) against the gateway's /bedrock pass-through over
// HTTP/2 (its default NodeHttp2Handler, cleartext with prior knowledge) and HTTP/1.1 (NodeHttpHandler):
// InvokeModelWithResponseStream while the simulator breaks the upstream stream. Whatever breaks, the SDK must see an
// error (never a stream that ends as if complete) and see it within the gateway's documented timeout (never a hang).
// Run from the folder whose node_modules hold the packages, with AWS_BEARER_TOKEN_BEDROCK set to a gateway token.
// Usage: node stream-failures.mjs <gateway URL> <simulator URL> <stream idle timeout ms> <stream first-byte timeout ms>
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const [gateway, sim, idleMs, firstByteMs] = process.argv.slice(2);
const model = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const slackMs = 5000; // scheduling on a busy machine; a hang is minutes, not seconds
const body = JSON.stringify({
  anthropic_version: "bedrock-2023-05-31", max_tokens: 256,
  messages: [{ role: "user", content: "aws sdk js [[sim:tokens=12]]" }],
});

async function fault(script) {
  await fetch(`${sim}/_sim/faults`, { method: "DELETE" });
  if (script) {
    const answer = await fetch(`${sim}/_sim/faults`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(script),
    });
    assert.ok(answer.ok, `the simulator took the fault: ${answer.status}`);
  }
}

// One streaming call: how many chunks arrived, and the error the SDK raised (or null when the stream ended normally).
async function stream(client) {
  const started = Date.now();
  let chunks = 0;
  try {
    const response = await client.send(new InvokeModelWithResponseStreamCommand({
      modelId: model, contentType: "application/json", accept: "application/json", body,
    }));
    for await (const event of response.body) {
      if (event.chunk) chunks++;
    }
    return { chunks, error: null, ms: Date.now() - started };
  } catch (error) {
    return { chunks, error, ms: Date.now() - started };
  }
}

const cases = [
  { name: "no fault", script: null, expect: null },
  { name: "connection dropped after 3 events", script: { kind: "drop_connection", afterEvents: 3 },
    expect: "InternalServerException", partial: true, withinMs: Number(idleMs) },
  { name: "stall after the headers", script: { kind: "stall", afterEvents: 0, ms: 60000 },
    expect: "ModelTimeoutException", status: 504, withinMs: Number(idleMs) },
  { name: "stall after 3 events", script: { kind: "stall", afterEvents: 3, ms: 60000 },
    expect: "ModelStreamErrorException", partial: true, withinMs: Number(idleMs) },
  { name: "no answer (black hole)", script: { kind: "delay", firstByteMs: 60000 },
    expect: "ModelTimeoutException", status: 504, withinMs: Number(firstByteMs) },
];

const handlers = {
  "HTTP/2 (NodeHttp2Handler, the default)": undefined,
  "HTTP/1.1 (NodeHttpHandler)": new NodeHttpHandler(),
};
const version = JSON.parse(readFileSync("node_modules/@aws-sdk/client-bedrock-runtime/package.json", "utf8")).version;
let full = 0;
for (const [protocol, requestHandler] of Object.entries(handlers)) {
  const client = new BedrockRuntimeClient({
    region: "us-east-1", endpoint: `${gateway}/bedrock`, maxAttempts: 1, ...(requestHandler ? { requestHandler } : {}),
  });
  for (const c of cases) {
    await fault(c.script);
    const seen = await stream(client);
    const what = seen.error ? `${seen.error.name}${seen.error.$metadata?.httpStatusCode
      ? ` (HTTP ${seen.error.$metadata.httpStatusCode})` : ""}` : "a complete stream";
    console.log(`| ${protocol} | ${c.name} | ${seen.chunks} chunks, then ${what} | ${(seen.ms / 1000).toFixed(1)} s |`);
    if (c.expect === null) {
      assert.equal(seen.error, null, `${protocol}, ${c.name}: ${seen.error}`);
      assert.ok(seen.chunks > 3, `${protocol}: a whole stream has more than 3 chunks`);
      full = seen.chunks;
      continue;
    }
    assert.ok(seen.error, `${protocol}, ${c.name}: the SDK saw a normally ended stream of ${seen.chunks} chunks`);
    assert.equal(seen.error.name, c.expect, `${protocol}, ${c.name}: ${seen.error.name}: ${seen.error.message}`);
    if (c.status) assert.equal(seen.error.$metadata?.httpStatusCode, c.status, `${protocol}, ${c.name}: status`);
    if (c.partial) assert.ok(seen.chunks > 0 && seen.chunks < full, `${protocol}, ${c.name}: ${seen.chunks} chunks`);
    assert.ok(seen.ms < c.withinMs + slackMs,
      `${protocol}, ${c.name}: the error took ${seen.ms} ms, the documented timeout is ${c.withinMs} ms`);
  }
  client.destroy();
}
await fault(null);
console.log(`@aws-sdk/client-bedrock-runtime ${version}: every broken stream raised a typed error within its timeout`);
