import { SignJWT } from 'jose';
import { Role } from '@lexique/core';

/** The secret the test API verifies tokens with (see startTestApp). */
export const TEST_JWT_SECRET = 'lexique-test-secret-0123456789abcdef0123456789';

/** An Authorization header for a person with these roles and steward domains. */
export async function bearer(person: { name: string; roles: Role[]; domains?: string[] }): Promise<Record<string, string>> {
  const token = await new SignJWT({ name: person.name, roles: person.roles, domains: person.domains ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(person.name)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  return { authorization: `Bearer ${token}` };
}
