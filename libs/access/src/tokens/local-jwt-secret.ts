import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LexiqueConfig } from '@lexique/core';

export const LOCAL_SECRET_FILE = 'jwt.secret';

/**
 * The HS256 secret of development tokens: AUTH_JWT_SECRET when set; in the
 * embedded demo (no DATABASE_URL, no identity provider) one generated once
 * into the data directory, so that the server and `lexique token` agree with
 * no setup. Undefined when the server only trusts an identity provider or
 * runs on a real database without a secret.
 */
export function localJwtSecret(config: LexiqueConfig): string | undefined {
  if (config.authJwtSecret) return config.authJwtSecret;
  if (config.databaseUrl || config.authJwksUrl || config.authClientId) return undefined;
  return readOrCreateSecret(path.join(config.dataDir, LOCAL_SECRET_FILE));
}

function readOrCreateSecret(file: string): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // written aside then linked: the link is atomic and fails if another
    // process got there first, so both end up reading the same whole secret
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret: delete it to make a new one`);
  return secret;
}
