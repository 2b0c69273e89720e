import * as os from 'node:os';
import { PrincipalResolver } from '@lexique/access';
import { Principal, Role } from '@lexique/core';
import { CommandEnvironment } from './command';

/**
 * The operator at the server's shell: a system principal named after the
 * operating-system user, with admin rights (whoever runs the CLI there
 * already holds the database). The change log names them.
 */
export function operatorPrincipal(): Principal {
  const user = os.userInfo().username;
  return { id: `cli:${user}`, name: user, kind: 'system', roles: [Role.ADMIN], stewardDomains: [] };
}

/** Who an import or export acts as: the person of `--token` (or LEXIQUE_TOKEN), else the operator. */
export async function cliPrincipal(env: CommandEnvironment, token: unknown): Promise<Principal> {
  const bearer = typeof token === 'string' && token ? token : process.env.LEXIQUE_TOKEN;
  if (bearer) return (await env.services()).get(PrincipalResolver).resolve({ authorization: `Bearer ${bearer}` });
  return operatorPrincipal();
}
