import { LANGUAGES, LocalizedText } from '@lexique/core';
import { ConceptRecord, DomainRecord } from '../../records';
import { BMO, CONCEPT_IRI, DCTERMS, LICENSE_IRI, ONTOLOGY_IRI, OWL, RDF, RDFS, SCHEME_IRI, SKOS, XSD } from '../vocabulary-iris';

/** Turtle string literal with the escapes the grammar requires. */
export function turtleString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

const tagged = (value: string, lang: string) => `${turtleString(value)}@${lang}`;
const localized = (text: LocalizedText) => LANGUAGES.filter((lang) => text[lang] !== undefined).map((lang) => tagged(text[lang]!, lang));

export const TURTLE_PREFIXES = `@prefix rdf: <${RDF}> .
@prefix rdfs: <${RDFS}> .
@prefix owl: <${OWL}> .
@prefix xsd: <${XSD}> .
@prefix skos: <${SKOS}> .
@prefix dcterms: <${DCTERMS}> .
@prefix bmo: <${BMO}> .
@prefix bms: <${SCHEME_IRI}> .
@prefix bmc: <${CONCEPT_IRI}> .
`;

/** The few properties SKOS lacks, declared so that consumers know what they mean. */
const ONTOLOGY = `<${ONTOLOGY_IRI}> a owl:Ontology ;
    rdfs:label "Propriétés complémentaires du vocabulaire partagé"@fr, "Complementary properties of the shared vocabulary"@en ;
    dcterms:license <${LICENSE_IRI}> .

bmo:acronym a owl:AnnotationProperty ;
    rdfs:subPropertyOf skos:altLabel ;
    rdfs:label "sigle"@fr, "acronym"@en ;
    rdfs:isDefinedBy <${ONTOLOGY_IRI}> .

bmo:status a owl:AnnotationProperty ;
    rdfs:label "statut éditorial"@fr, "editorial status"@en ;
    rdfs:range xsd:string ;
    rdfs:isDefinedBy <${ONTOLOGY_IRI}> .

bmo:conceptCode a rdfs:Datatype ;
    rdfs:label "code de concept"@fr, "concept code"@en ;
    rdfs:isDefinedBy <${ONTOLOGY_IRI}> .
`;

function block(subject: string, statements: [string, string[]][]): string {
  const lines = statements
    .filter(([, objects]) => objects.length > 0)
    .map(([predicate, objects]) => `    ${predicate} ${objects.join(', ')}`);
  return `${subject} ${lines.join(' ;\n').trimStart()} .\n\n`;
}

export function turtleHeader(): string {
  return `# Vocabulaire partagé de Bordeaux Métropole - SKOS / Turtle (export Lexique)\n\n${TURTLE_PREFIXES}\n${ONTOLOGY}\n`;
}

export function turtleScheme(domain: DomainRecord): string {
  return block(`bms:${domain.code}`, [
    ['a', ['skos:ConceptScheme']],
    ['skos:prefLabel', localized(domain.label)],
    ['dcterms:title', localized(domain.label)],
    ['dcterms:description', localized(domain.description)],
    ['skos:notation', [turtleString(domain.code)]],
    ['dcterms:license', [`<${LICENSE_IRI}>`]],
  ]);
}

export function turtleConcept(c: ConceptRecord): string {
  const ref = (code: string) => `bmc:${code}`;
  const altLabels = LANGUAGES.flatMap((lang) => (c.altLabels[lang] ?? []).map((v) => tagged(v, lang)));
  return block(ref(c.code), [
    ['a', ['skos:Concept']],
    ['skos:inScheme', [`bms:${c.domain}`]],
    ['skos:topConceptOf', c.broader.length === 0 ? [`bms:${c.domain}`] : []],
    ['skos:notation', [`${turtleString(c.code)}^^bmo:conceptCode`]],
    ['skos:prefLabel', localized(c.prefLabel)],
    ['skos:altLabel', [...altLabels, ...c.acronyms.map((a) => tagged(a, 'fr'))]],
    ['bmo:acronym', c.acronyms.map((a) => tagged(a, 'fr'))],
    ['skos:hiddenLabel', c.hiddenLabels.map((h) => tagged(h, 'fr'))],
    ['skos:definition', localized(c.definition)],
    ['skos:scopeNote', localized(c.scopeNote)],
    ['dcterms:source', c.source ? [tagged(c.source, 'fr')] : []],
    ['skos:broader', c.broader.map(ref)],
    ['skos:narrower', c.narrower.map(ref)],
    ['skos:related', c.related.map(ref)],
    ['bmo:status', [turtleString(c.status)]],
    ['owl:deprecated', c.status === 'DEPRECATED' ? ['true'] : []],
    ['dcterms:isReplacedBy', c.replacedBy ? [ref(c.replacedBy)] : []],
  ]);
}
