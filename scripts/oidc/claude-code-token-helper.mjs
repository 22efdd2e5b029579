#!/usr/bin/env node
// Prints a fresh identity-provider token for Claude Code's apiKeyHelper (docs/sso.md). It keeps the
// provider's refresh token in a file only the user can read and trades it for a new token each time;
// without one (or when the provider refuses it) it signs the user in with the OAuth 2.0 device flow
// (RFC 8628): it prints a code and a URL on stderr, and waits until the user has approved.
//
// Settings, from the environment:
//   OIDC_ISSUER      the provider's issuer URL (its discovery document is <issuer>/.well-known/openid-configuration)
//   OIDC_CLIENT_ID   the public client registered for developers (device flow allowed)
//   OIDC_SCOPE       default "openid email profile offline_access" (offline_access yields the refresh token)
//   OIDC_TOKEN       which token to print: "id_token" (default) or "access_token"; it must carry the
//                    gateway's audience, e-mail and groups claims
//   OIDC_CACHE       default ~/.cache/claude-bedrock-proxy/oidc-refresh-token
// Needs Node.js 18 or later (fetch), nothing else.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const issuer = required('OIDC_ISSUER').replace(/\/+$/, '');
const clientId = required('OIDC_CLIENT_ID');
const scope = process.env.OIDC_SCOPE || 'openid email profile offline_access';
const which = process.env.OIDC_TOKEN || 'id_token';
const cache = process.env.OIDC_CACHE || join(homedir(), '.cache', 'claude-bedrock-proxy', 'oidc-refresh-token');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`claude-code-token-helper: set ${name}`);
    process.exit(2);
  }
  return value;
}

async function post(url, form) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json().catch(() => ({})) };
}

function remember(tokens) {
  if (tokens.refresh_token) {
    mkdirSync(dirname(cache), { recursive: true, mode: 0o700 });
    writeFileSync(cache, tokens.refresh_token, { mode: 0o600 });
    chmodSync(cache, 0o600);
  }
  const token = tokens[which];
  if (!token) {
    throw new Error(`the provider's answer has no ${which}`);
  }
  return token;
}

async function refreshed(endpoints) {
  let refreshToken;
  try {
    refreshToken = readFileSync(cache, 'utf8').trim();
  } catch {
    return null;
  }
  const { status, body } = await post(endpoints.token_endpoint,
    { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, scope });
  return status === 200 ? remember(body) : null;
}

async function signIn(endpoints) {
  if (!endpoints.device_authorization_endpoint) {
    throw new Error('the provider offers no device flow (device_authorization_endpoint)');
  }
  const { status, body: device } = await post(endpoints.device_authorization_endpoint, { client_id: clientId, scope });
  if (status !== 200) {
    throw new Error(`device authorization refused: ${device.error || status}`);
  }
  console.error(`Sign in at ${device.verification_uri_complete || device.verification_uri} with the code ${device.user_code}`);
  let interval = (device.interval || 5) * 1000;
  const deadline = Date.now() + (device.expires_in || 600) * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const { status: s, body } = await post(endpoints.token_endpoint, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, client_id: clientId,
    });
    if (s === 200) {
      return remember(body);
    }
    if (body.error === 'slow_down') {
      interval += 5000;
    } else if (body.error !== 'authorization_pending') {
      throw new Error(`sign-in failed: ${body.error || s}`);
    }
  }
  throw new Error('sign-in timed out');
}

try {
  const endpoints = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  process.stdout.write(((await refreshed(endpoints)) || (await signIn(endpoints))) + '\n');
} catch (e) {
  console.error(`claude-code-token-helper: ${e.message}`);
  process.exit(1);
}
