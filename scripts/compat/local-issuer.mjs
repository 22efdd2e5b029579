// A local OpenID Connect issuer for scripts/check-clients.sh, on a loopback port it prints: discovery, a
// JWKS with an RSA key generated at start, and a token endpoint that answers the refresh-token grant and
// the device flow (approving each device code at its second poll, as if the developer had signed in).
// Tokens carry the e-mail and groups given on the command line. For tests only.
// Usage: node local-issuer.mjs <audience> <email> <group>
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

const [audience, email, group] = process.argv.slice(2);
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID();
const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
const pending = new Map();
let issuer;

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function idToken() {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({
    iss: issuer, aud: audience, sub: `sub-${email}`, email, groups: [group], iat: now, exp: now + 3600,
  })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}
function tokens() {
  return { token_type: 'Bearer', expires_in: 3600, id_token: idToken(), access_token: randomUUID(),
    refresh_token: `refresh-${randomUUID()}` };
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    const form = new URLSearchParams(body);
    const json = (status, value) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json(200, { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`,
        device_authorization_endpoint: `${issuer}/device` });
    }
    if (req.url === '/jwks') {
      return json(200, { keys: [jwk] });
    }
    if (req.url === '/device' && req.method === 'POST') {
      const code = randomUUID();
      pending.set(code, 0);
      return json(200, { device_code: code, user_code: 'ABCD-EFGH', verification_uri: `${issuer}/activate`,
        expires_in: 60, interval: 1 });
    }
    if (req.url === '/token' && req.method === 'POST') {
      const grant = form.get('grant_type');
      if (grant === 'refresh_token' && form.get('refresh_token')?.startsWith('refresh-')) {
        return json(200, tokens());
      }
      if (grant === 'urn:ietf:params:oauth:grant-type:device_code' && pending.has(form.get('device_code'))) {
        const polls = pending.get(form.get('device_code')) + 1;
        pending.set(form.get('device_code'), polls);
        return polls < 2 ? json(400, { error: 'authorization_pending' }) : json(200, tokens());
      }
      return json(400, { error: 'invalid_grant' });
    }
    json(404, { error: 'not_found' });
  });
});
server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  console.log(issuer);
});
