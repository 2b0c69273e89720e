import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

const ME = `{ me { id } }`;

/** A locally signed token for alice, with the expiry given (seconds from now), or none. */
function token(expiresIn?: number): Promise<string> {
  const jwt = new SignJWT({ name: 'alice', roles: ['READER'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt();
  if (expiresIn !== undefined) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
  return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

describe('a maximum token lifetime (e2e)', () => {
  let t: TestApp;
  afterEach(() => t.close());

  const me = async (jwt: string) => t.gql(ME, {}, { authorization: `Bearer ${jwt}` });

  it('refuses a token without expiry, and one that expires further ahead than 24 h by default', async () => {
    t = await startTestApp({ seed: false });
    const forever = await me(await token());
    expect(forever.errors![0]).toMatchObject({
      message: 'The bearer token has no expiry (exp): this server accepts tokens of at most 24 h',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const month = await me(await token(30 * 86_400));
    expect(month.errors![0]).toMatchObject({
      message: 'The bearer token expires in 30 days: this server accepts tokens of at most 24 h',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect((await me(await token(8 * 3600))).data!.me.id).toBe('user:alice');
    expect((await me(await token(86_400))).data!.me.id).toBe('user:alice');
  });

  it('follows AUTH_MAX_TOKEN_LIFETIME', async () => {
    t = await startTestApp({ seed: false, env: { AUTH_MAX_TOKEN_LIFETIME: '40d' } });
    expect((await me(await token(30 * 86_400))).data!.me.id).toBe('user:alice');
    await t.close();
    t = await startTestApp({ seed: false, env: { AUTH_MAX_TOKEN_LIFETIME: '15m' } });
    expect((await me(await token(3600))).errors![0].message).toBe(
      'The bearer token expires in 1 h: this server accepts tokens of at most 15 min',
    );
  });
});
