import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@lexique/access';
import { notFound, RequestContext } from '@lexique/core';
import { ConceptRepository } from '../concepts/concept.repository';
import { DomainRepository } from '../domains/domain.repository';

const MIN_DIGITS = 4;

/** Codes to suggest to a steward who creates a concept. */
@Injectable()
export class ConceptCodeService {
  constructor(
    private readonly concepts: ConceptRepository,
    private readonly domains: DomainRepository,
  ) {}

  /** FIN-0421 after FIN-0420: one past the highest numbered code, as wide as the widest (four digits at least). */
  async nextCode(ctx: RequestContext, rawDomain: string): Promise<string> {
    const [domain] = await this.domains.findByCodes([rawDomain.trim().toUpperCase()]);
    if (!domain) throw notFound(`Unknown domain "${rawDomain}"`, 'domain');
    AccessPolicy.of(ctx.principal).assertMayWrite(domain.code, 'concepts');
    const { highest, width } = await this.concepts.highestNumberedCode(domain.code);
    const next = (BigInt(highest ?? '0') + 1n).toString();
    return `${domain.code}-${next.padStart(Math.max(MIN_DIGITS, width ?? 0), '0')}`;
  }
}
