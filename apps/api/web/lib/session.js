// Who is using the page and what they may do. The API decides every write;
// this only spares readers controls that would be refused.

import { graphql } from './graphql.js';

const ME_QUERY = `query Session { me { id name kind roles stewardDomains } domains { code label } }`;
const DOMAINS_QUERY = `query Domaines { domains { code label } }`;

const state = {
  me: { id: 'anonymous', name: 'anonymous', kind: 'ANONYMOUS', roles: [], stewardDomains: [] },
  domains: new Map(),
  /** Set when the session cookie was refused (expired or ended elsewhere). */
  expired: false,
};

/** How people sign in here, as the server says in the page's meta tag: provider, demo or none. */
export function signInMode() {
  return document.querySelector('meta[name="lexique-sign-in"]')?.content ?? 'none';
}

export async function loadSession() {
  try {
    const data = await graphql(ME_QUERY);
    state.me = data.me;
    state.domains = new Map(data.domains.map((d) => [d.code, d.label]));
  } catch (error) {
    if (error.code !== 'UNAUTHENTICATED') throw error;
    // the server has cleared a refused session cookie: ask again as anonymous
    state.expired = error.reason === 'SESSION_EXPIRED';
    try {
      const data = await graphql(DOMAINS_QUERY);
      state.domains = new Map(data.domains.map((d) => [d.code, d.label]));
    } catch (again) {
      // without anonymous reading, each screen says to sign in (router.js)
      if (again.code !== 'UNAUTHENTICATED') throw again;
    }
  }
  return state;
}

export const session = () => state;

export const signedIn = () => state.me.kind === 'USER';

export const isAdmin = () => state.me.roles.includes('ADMIN');

/** Whether the signed-in person writes in this domain (a steward of it, or an admin). */
export function mayWrite(domain) {
  if (!signedIn()) return false;
  return isAdmin() || (state.me.roles.includes('STEWARD') && state.me.stewardDomains.includes(domain));
}

/** The domains the person writes in (every domain for an admin). */
export function writableDomains() {
  return [...state.domains.keys()].filter(mayWrite);
}

export const domainLabel = (code) => state.domains.get(code) ?? code;
