// A real OpenID Connect provider for the tests: panva's oidc-provider
// (OpenID Certified), run in its own Node process as ES module. Its options
// come as one JSON argument; it prints "ready" once it listens.
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${options.port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: [options.redirectUri],
      post_logout_redirect_uris: [options.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'lexique'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email'], lexique: [options.rolesClaim, options.domainsClaim] },
  async findAccount(_ctx, id) {
    const account = options.accounts[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account }) };
  },
  // A first-party client: what it asks is granted without a consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email lexique');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ['lexique-test-provider-cookie-key'] },
});
// the dev interactions' warning about production use is expected here
provider.on('server_error', (_ctx, error) => console.error('provider error', error));

provider.listen(options.port, '127.0.0.1', () => console.log('ready'));
