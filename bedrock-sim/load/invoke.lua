-- wrk script: non-streaming InvokeModel with a small valid body and the default Bedrock API key.
-- Usage: wrk -t2 -c64 -d30s -s bedrock-sim/load/invoke.lua \
--          'http://127.0.0.1:9100/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer sim-bedrock-api-key"
wrk.body = '{"anthropic_version":"bedrock-2023-05-31","max_tokens":64,'
        .. '"messages":[{"role":"user","content":"Say hello to the benchmark"}]}'

-- A misconfigured run (401s, 404s) must not pass for a fast one: print the error count.
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx responses: %d, socket errors: %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
