// A real OpenID Connect provider (the `oidc-provider` package) for end-to-end tests and local trials.
// It runs as its own process, on 127.0.0.1, with one registered confidential client that must use
// PKCE, a few accounts (email, email_verified, password) and a minimal login page of its own.
//
//   OIDC_TEST_PROVIDER='{"port":0,"redirectUris":["http://localhost:3000/auth/oidc/callback"]}' \
//     node test/oidc/provider.mjs
//
// Settings (JSON in OIDC_TEST_PROVIDER, all optional): port (0 = any free port), clientId,
// clientSecret, redirectUris, postLogoutRedirectUris (where RP-Initiated Logout may send the
// browser back to; default: none, so a logout then ends on the provider's own page), accounts [{ sub, email, emailVerified, xmsEdov, name, password }]
// (an account without emailVerified gets no email_verified claim; xmsEdov is the claim Microsoft
// Entra ID sends instead),
// idTokenClaims (true: email and name in the ID token too; default: userinfo only, like Okta).
// Once listening it prints one JSON line to stdout: {"issuer":"http://127.0.0.1:<port>"}.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_PROVIDER || '{}');
const clientId = settings.clientId ?? 'onboarding-tracker';
const clientSecret = settings.clientSecret ?? 'onboarding-tracker-test-secret';
const redirectUris = settings.redirectUris ?? ['http://localhost:3000/auth/oidc/callback'];
const postLogoutRedirectUris = settings.postLogoutRedirectUris ?? [];
const accounts = (
  settings.accounts ?? [
    { sub: 'ada', email: 'ada@example.com', emailVerified: true, name: 'Ada Lovelace' },
    { sub: 'grace', email: 'grace@example.com', emailVerified: false, name: 'Grace Hopper' },
  ]
).map((a) => ({ password: 'correct horse', ...a }));

const byLogin = (login) =>
  accounts.find((a) => a.sub === login || a.email.toLowerCase() === login.trim().toLowerCase());
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  kid: 'test-rs256',
  use: 'sig',
  alg: 'RS256',
};

const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(settings.port ?? 0, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      post_logout_redirect_uris: postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  pkce: { required: () => true },
  conformIdTokenClaims: !settings.idTokenClaims,
  claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
  features: {
    devInteractions: { enabled: false },
    // Sign-out asks first, as real providers do (the request is a plain GET anyone could link to).
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = accounts.find((a) => a.sub === sub);
    if (!account) return undefined;
    return {
      accountId: account.sub,
      async claims() {
        const claims = { sub: account.sub, email: account.email, name: account.name };
        if (account.emailVerified !== undefined) claims.email_verified = account.emailVerified;
        if (account.xmsEdov !== undefined) claims.xms_edov = account.xmsEdov;
        return claims;
      },
    };
  },
  // The client is first-party: grant the scopes it asks for without a consent page.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

function loginPage(uid, message) {
  return `<!doctype html><html><head><title>Sign in</title></head><body>
<h1>Test identity provider</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label>Email <input name="login" autocomplete="username"></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in</button>
</form></body></html>`;
}

// Pages of the provider's own, in the style of the login page (its defaults load web fonts).
async function logoutSource(ctx, form) {
  ctx.body = `<!doctype html><html><head><title>Sign out</title></head><body>
<h1>Test identity provider</h1><p>Sign out of the test identity provider?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>
</body></html>`;
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = `<!doctype html><html><head><title>Signed out</title></head><body>
<h1>Test identity provider</h1><p>You are signed out.</p></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid || details.prompt.name !== 'login') {
    return sendHtml(res, 400, '<p>Unexpected interaction</p>');
  }
  if (req.method === 'GET' && action === undefined) return sendHtml(res, 200, loginPage(uid));
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const account = byLogin(form.get('login') ?? '');
    if (!account || account.password !== form.get('password')) {
      return sendHtml(res, 401, loginPage(uid, 'Unknown email or wrong password'));
    }
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  }
  return sendHtml(res, 405, '<p>Method not allowed</p>');
}

const handleProtocol = provider.callback();
server.on('request', (req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return handleProtocol(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    sendHtml(res, 400, `<p>${escapeHtml(error.message)}</p>`);
  });
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
