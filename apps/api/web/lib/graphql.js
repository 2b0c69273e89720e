// The one way the page talks to the API: POST /graphql as JSON (which
// Apollo's CSRF prevention requires), the session cookie sent by the browser.

/** A refusal of the API, with what the page needs to say it in French and place it. */
export class ApiError extends Error {
  constructor(error) {
    super(error.message);
    this.name = 'ApiError';
    const extensions = error.extensions ?? {};
    /** BAD_USER_INPUT, FORBIDDEN, CONFLICT, UNAUTHENTICATED… */
    this.code = extensions.code ?? 'INTERNAL_SERVER_ERROR';
    /** Path of the refused input, e.g. input.prefLabel.fr. */
    this.field = extensions.field ?? null;
    /** Stable reason (DUPLICATE_LABEL, BROADER_CYCLE…) where the API gives one. */
    this.reason = extensions.reason ?? null;
    this.extensions = extensions;
  }
}

export class NetworkError extends Error {
  constructor() {
    super('Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
    this.name = 'NetworkError';
  }
}

export async function graphql(query, variables = {}, signal) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError({ message: `HTTP ${response.status}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  if (body.errors?.length) throw new ApiError(body.errors[0]);
  return body.data;
}

/** A JSON POST to one of the sign-in routes (same origin; the JSON type keeps other sites out). */
export async function postJson(url, payload = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError({ message: body.message ?? `HTTP ${response.status}`, extensions: { code: body.code } });
  return body;
}
