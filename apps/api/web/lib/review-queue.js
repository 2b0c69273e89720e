// The review inbox as the API gives it (reviewQueue): its counts for the
// header, its pages for the inbox, one of its items for the review screen.

import { graphql } from './graphql.js';
import { isAdmin, session, signedIn } from './session.js';

const ITEM_FIELDS = `kind key domain author since version reason mayApprove changes { field before after }
  concept { code prefLabel status domain { code label } }
  mapping { id localCode localLabel relation status system { code name } concept { code prefLabel } }`;
const PAGE_QUERY = `query ARelire($domains: [String!], $first: Int, $after: String) {
  reviewQueue(domains: $domains, first: $first, after: $after) {
    totalCount domains { domain count oldestSince }
    edges { node { ${ITEM_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const COUNT_QUERY = `query ARelireCompte { reviewQueue(first: 0) { totalCount } }`;

/** The queue's largest page; the review screen looks an item up through at most a few of them. */
const LARGEST_PAGE = 200;
const PAGES_SEARCHED = 5;

/** Whether the person reviews anything: stewards of a domain, and admins. */
export const reviews = () => signedIn() && (isAdmin() || session().me.stewardDomains.length > 0);

export async function queuePage({ domains = null, first = 50, after = null } = {}) {
  return (await graphql(PAGE_QUERY, { domains, first, after })).reviewQueue;
}

export async function queueCount() {
  return (await graphql(COUNT_QUERY)).reviewQueue.totalCount;
}

/** The item of this kind and key waiting in the caller's queue, or null once it was decided. */
export async function findQueued(kinds, key) {
  let after = null;
  for (let page = 0; page < PAGES_SEARCHED; page++) {
    const queue = await queuePage({ first: LARGEST_PAGE, after });
    const found = queue.edges.map((e) => e.node).find((item) => kinds.includes(item.kind) && item.key === key);
    if (found || !queue.pageInfo.hasNextPage) return found ?? null;
    after = queue.pageInfo.endCursor;
  }
  return null;
}

export const isConceptItem = (item) => item.kind === 'NEW_CONCEPT' || item.kind === 'CONCEPT_REVISION';

/** The review screen's address of an item. */
export function reviewHref(item) {
  if (isConceptItem(item)) return `/a-relire/concept/${encodeURIComponent(item.key)}`;
  const slash = item.key.indexOf('/');
  return `/a-relire/correspondance/${encodeURIComponent(item.key.slice(0, slash))}/${encodeURIComponent(item.key.slice(slash + 1))}`;
}

/** "Claire Dubois" is not in the queue: its principal id is, without its kind. */
export const authorName = (author) => (author ? author.replace(/^[a-z]+:/, '') : 'inconnu');

/** A sentence shown once on the next screen (after a decision, back in the inbox). */
let flash = '';
export const setFlash = (text) => (flash = text);
export function takeFlash() {
  const text = flash;
  flash = '';
  return text;
}
