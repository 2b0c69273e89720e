import { Injectable } from '@nestjs/common';
import { badInput, RequestContext } from '@lexique/core';
import { ConceptEntity, ConceptLoaders, ConceptStatus, isVisible, visibilityOf } from '@lexique/vocabulary';
import { localCodeKey } from '../mappings/local-code';
import { MappingEntity } from '../mappings/mapping.entity';
import { MappingRepository } from '../mappings/mapping.repository';
import { normalizeSystemCode, SystemService } from '../systems/system.service';
import { MAX_BATCH_CODES, Translation } from './translation';
import { TranslatedKey, TranslationRepository } from './translation.repository';
import { WeightedGate } from './weighted-gate';

/**
 * Codes of large batches translated at once by this process. A batch of
 * 10,000 codes holds some 25 MB of rows and answers until it is sent; forty
 * at once took the API past 1 GB in the benchmark. Beyond this budget,
 * batches wait their turn: the database could not serve them faster anyway.
 */
const LARGE_BATCH_CODES_IN_FLIGHT = 20_000;
/** Batches up to this size, and single translations, never wait. */
const SMALL_BATCH = 100;

export interface CrosswalkResult {
  source: Translation;
  targets: MappingEntity[];
}

@Injectable()
export class TranslationService {
  private readonly largeBatches = new WeightedGate(LARGE_BATCH_CODES_IN_FLIGHT);

  constructor(
    private readonly translations: TranslationRepository,
    private readonly mappings: MappingRepository,
    private readonly systems: SystemService,
    private readonly conceptLoaders: ConceptLoaders,
  ) {}

  async translate(ctx: RequestContext, system: string, code: string, at?: string | null): Promise<Translation> {
    const [translation] = await this.translateCodes(ctx, system, [code], at, 'system', () => 'code');
    return translation;
  }

  /** Same order and length as `codes`; a code asked twice gets the same answer twice. */
  async translateBatch(ctx: RequestContext, system: string, codes: string[], at?: string | null): Promise<Translation[]> {
    if (codes.length > MAX_BATCH_CODES) throw badInput('codes', `"codes" holds ${codes.length} codes; at most ${MAX_BATCH_CODES} per call`);
    const translate = () => this.translateCodes(ctx, system, codes, at, 'system', (index) => `codes.${index}`);
    return codes.length <= SMALL_BATCH ? translate() : this.largeBatches.run(codes.length, translate);
  }

  async crosswalk(ctx: RequestContext, from: string, code: string, to: string, at?: string | null): Promise<CrosswalkResult> {
    const [source, target] = await Promise.all([
      this.translateCodes(ctx, from, [code], at, 'from', () => 'code').then(([translation]) => translation),
      this.systems.require(ctx, to, 'to'),
    ]);
    if (!source.current) return { source, targets: [] };
    const targets = await this.mappings.towardsConcept(target.code, source.current.id, at ?? null);
    return { source, targets };
  }

  private async translateCodes(
    ctx: RequestContext,
    systemArgument: string,
    codes: string[],
    at: string | null | undefined,
    systemField: string,
    codeField: (index: number) => string,
  ): Promise<Translation[]> {
    const keys = codes.map((code, index) => {
      const key = localCodeKey(code);
      if (!key) throw badInput(codeField(index), `"${codeField(index)}" must not be empty`);
      return key;
    });
    const system = normalizeSystemCode(systemArgument);
    const lookup = await this.translations.lookup(system, [...new Set(keys)], at ?? null);
    if (!lookup.systemExists) await this.systems.require(ctx, systemArgument, systemField);

    const visibility = visibilityOf(ctx.principal);
    const loaders = this.conceptLoaders.for(ctx);
    const visible = (concept: ConceptEntity | null) => {
      if (!concept || !isVisible(visibility, concept)) return null;
      loaders.byId.prime(concept.id, concept); // field resolvers then need no query
      return concept;
    };
    const answers = new Map<string, Translation>();
    return codes.map((code, index) => {
      const key = keys[index];
      let answer = answers.get(key);
      if (!answer) {
        answer = toTranslation(system, key, lookup.byKey.get(key), visible);
        answers.set(key, answer);
      }
      return { ...answer, code };
    });
  }
}

function toTranslation(
  system: string,
  code: string,
  hit: TranslatedKey | undefined,
  visible: (concept: ConceptEntity | null) => ConceptEntity | null,
): Translation {
  if (!hit) {
    return { system, code, found: false, localLabel: null, relation: null, concept: null, deprecated: false, current: null, mapping: null };
  }
  const concept = visible(hit.concept);
  return {
    system,
    code,
    found: true,
    localLabel: hit.mapping.localLabel,
    relation: hit.mapping.relation,
    concept,
    deprecated: concept?.status === ConceptStatus.DEPRECATED,
    current: concept ? visible(hit.current) : null,
    mapping: hit.mapping,
  };
}
