import { Injectable } from '@nestjs/common';
import { ANONYMOUS_PRINCIPAL, Principal } from '@lexique/core';

/**
 * Tells who is calling from the request headers. Until sign-in exists every
 * caller reads as an anonymous reader of published entries.
 */
@Injectable()
export class PrincipalResolver {
  resolve(_headers: Record<string, string | string[] | undefined>): Promise<Principal> {
    return Promise.resolve(ANONYMOUS_PRINCIPAL);
  }
}
