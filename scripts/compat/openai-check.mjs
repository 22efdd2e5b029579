// Drives the gateway's OpenAI-compatible front door with real OpenAI-only clients: the openai npm package
// (completion, a streamed tool call reassembled from its argument deltas, models, a refusal naming its field)
// and a LangChain chat model (@langchain/openai) holding a conversation with a tool call, streamed and not.
// Run from the folder whose node_modules hold the packages. Usage: node openai-check.mjs <gateway URL> <key>
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, ToolMessage } from "@langchain/core/messages";

const [gateway, apiKey] = process.argv.slice(2);
const baseURL = `${gateway}/openai/v1`;
const model = "claude-sonnet-5-5";
const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city now",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

// The openai package.
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const completion = await client.chat.completions.create({
  model, messages: [{ role: "user", content: "Hello from the OpenAI SDK" }],
});
assert.equal(completion.object, "chat.completion");
assert.equal(completion.model, model);
assert.match(completion.choices[0].message.content, /Hello from the OpenAI SDK/);
assert.equal(completion.choices[0].finish_reason, "stop");
assert.ok(completion.usage.prompt_tokens > 0);

const stream = await client.chat.completions.create({
  model, stream: true, stream_options: { include_usage: true }, tools: [weather],
  messages: [{ role: "user", content: "Weather please [[sim:tool=get_weather]]" }],
});
const calls = [];
let chunks = 0;
let finish = null;
let usage = null;
for await (const chunk of stream) {
  chunks++;
  if (chunk.usage) usage = chunk.usage;
  for (const choice of chunk.choices) {
    finish = choice.finish_reason ?? finish;
    for (const delta of choice.delta.tool_calls ?? []) {
      calls[delta.index] ??= { id: "", name: "", arguments: "" };
      calls[delta.index].id += delta.id ?? "";
      calls[delta.index].name += delta.function?.name ?? "";
      calls[delta.index].arguments += delta.function?.arguments ?? "";
    }
  }
}
assert.equal(finish, "tool_calls");
assert.equal(calls.length, 1);
assert.equal(calls[0].name, "get_weather");
assert.deepEqual(JSON.parse(calls[0].arguments), { city: "sim-city" });
assert.ok(usage.completion_tokens > 0);

const models = await client.models.list();
assert.ok(models.data.some((m) => m.id === model && m.object === "model"));
await assert.rejects(
  client.chat.completions.create({ model, n: 2, messages: [{ role: "user", content: "x" }] }),
  (e) => e.status === 400 && e.param === "n");
const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
console.log(`openai ${version("openai")}: completion, stream (${chunks} chunks, tool call reassembled), models, a refusal naming its field`);

// A LangChain chat model: the model asks for the tool, the tool's answer goes back, the model answers.
const llm = new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0 });
const question = new HumanMessage("What is the weather in Paris? [[sim:tool=get_weather]]");
const asked = await llm.bindTools([weather]).invoke([question]);
assert.equal(asked.tool_calls.length, 1);
assert.equal(asked.tool_calls[0].name, "get_weather");
assert.deepEqual(asked.tool_calls[0].args, { city: "sim-city" });
const result = new ToolMessage({ tool_call_id: asked.tool_calls[0].id, content: "Sunny, 21C" });
const answer = await llm.bindTools([weather]).invoke([question, asked, result]);
assert.equal(answer.tool_calls.length, 0);
assert.equal(answer.content, "OK");

let streamed;
for await (const chunk of await llm.bindTools([weather]).stream([question])) {
  streamed = streamed ? streamed.concat(chunk) : chunk;
}
assert.equal(streamed.tool_calls.length, 1);
assert.deepEqual(streamed.tool_calls[0].args, { city: "sim-city" });
console.log(`LangChain ChatOpenAI (@langchain/openai ${version("@langchain/openai")}): a tool-call conversation (call, tool result, answer), and the call streamed`);
