import { AsyncLocalStorage } from 'node:async_hooks';

/** Carries the request id to every log line written while a request is served. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();
