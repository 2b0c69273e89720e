import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { PeopleRepository } from '@lexique/access';
import { RequestContext } from '@lexique/core';

/** Names of the people behind principal ids, one statement per request whatever the number of changes shown. */
@Injectable()
export class PeopleNamesLoader {
  private readonly perRequest = new WeakMap<RequestContext, DataLoader<string, string | null>>();

  constructor(private readonly people: PeopleRepository) {}

  nameOf(ctx: RequestContext, principal: string): Promise<string | null> {
    let loader = this.perRequest.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const names = new Map((await this.people.find(ids)).map((person) => [person.id, person.name]));
        return ids.map((id) => names.get(id) ?? null);
      });
      this.perRequest.set(ctx, loader);
    }
    return principal.startsWith('user:') ? loader.load(principal) : Promise.resolve(null);
  }
}
