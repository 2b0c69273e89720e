import { LANGUAGES, LocalizedText, LocalizedTexts } from '@lexique/core';
import { ConceptRecord, DomainRecord } from '../../records';
import { BMO, CONCEPT_IRI, DCTERMS, LICENSE_IRI, OWL, SCHEME_IRI, SKOS, XSD } from '../vocabulary-iris';

const id = (prefix: string) => ({ '@id': prefix, '@type': '@id' });
const byLanguage = (prefix: string) => ({ '@id': prefix, '@container': '@language' });

/** One inline context, so that a reader needs no network; property names as in SKOS. */
export const JSONLD_CONTEXT = {
  skos: SKOS,
  dcterms: DCTERMS,
  owl: OWL,
  xsd: XSD,
  bmo: BMO,
  bms: SCHEME_IRI,
  bmc: CONCEPT_IRI,
  Concept: 'skos:Concept',
  ConceptScheme: 'skos:ConceptScheme',
  prefLabel: byLanguage('skos:prefLabel'),
  altLabel: byLanguage('skos:altLabel'),
  hiddenLabel: byLanguage('skos:hiddenLabel'),
  acronym: byLanguage('bmo:acronym'),
  definition: byLanguage('skos:definition'),
  scopeNote: byLanguage('skos:scopeNote'),
  source: byLanguage('dcterms:source'),
  title: byLanguage('dcterms:title'),
  description: byLanguage('dcterms:description'),
  notation: { '@id': 'skos:notation', '@type': 'bmo:conceptCode' },
  inScheme: id('skos:inScheme'),
  topConceptOf: id('skos:topConceptOf'),
  broader: id('skos:broader'),
  narrower: id('skos:narrower'),
  related: id('skos:related'),
  isReplacedBy: id('dcterms:isReplacedBy'),
  license: id('dcterms:license'),
  deprecated: { '@id': 'owl:deprecated', '@type': 'xsd:boolean' },
  status: 'bmo:status',
};

function texts(text: LocalizedText): Record<string, string> | undefined {
  const entries = LANGUAGES.filter((lang) => text[lang] !== undefined).map((lang): [string, string] => [lang, text[lang]!]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function lists(values: LocalizedTexts): Record<string, string[]> | undefined {
  const entries = LANGUAGES.filter((lang) => values[lang]?.length).map((lang): [string, string[]] => [lang, values[lang]!]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

const many = (values: string[]) => (values.length ? values : undefined);

/** Opens the document; nodes follow, each with `jsonLdNode`, separated by commas. */
export function jsonLdHeader(): string {
  return `{\n"@context": ${JSON.stringify(JSONLD_CONTEXT)},\n"@graph": [\n`;
}

export const JSONLD_FOOTER = '\n]\n}\n';

export function jsonLdScheme(domain: DomainRecord): string {
  return JSON.stringify({
    '@id': `bms:${domain.code}`,
    '@type': 'ConceptScheme',
    prefLabel: texts(domain.label),
    title: texts(domain.label),
    description: texts(domain.description),
    'skos:notation': domain.code,
    license: LICENSE_IRI,
  });
}

export function jsonLdConcept(c: ConceptRecord): string {
  const ref = (code: string) => `bmc:${code}`;
  const altLabels = lists(c.altLabels) ?? {};
  if (c.acronyms.length) altLabels.fr = [...(altLabels.fr ?? []), ...c.acronyms];
  return JSON.stringify({
    '@id': ref(c.code),
    '@type': 'Concept',
    inScheme: `bms:${c.domain}`,
    topConceptOf: c.broader.length === 0 ? `bms:${c.domain}` : undefined,
    notation: c.code,
    prefLabel: texts(c.prefLabel),
    altLabel: Object.keys(altLabels).length ? altLabels : undefined,
    acronym: c.acronyms.length ? { fr: c.acronyms } : undefined,
    hiddenLabel: c.hiddenLabels.length ? { fr: c.hiddenLabels } : undefined,
    definition: texts(c.definition),
    scopeNote: texts(c.scopeNote),
    source: c.source ? { fr: c.source } : undefined,
    broader: many(c.broader.map(ref)),
    narrower: many(c.narrower.map(ref)),
    related: many(c.related.map(ref)),
    status: c.status,
    deprecated: c.status === 'DEPRECATED' ? true : undefined,
    isReplacedBy: c.replacedBy ? ref(c.replacedBy) : undefined,
  });
}
