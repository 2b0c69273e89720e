/** The IRIs of the shared vocabulary, as in test/fixtures (SKOS and SSSOM). */
export const BASE_IRI = 'https://vocabulaire.bordeaux-metropole.example/';
export const SCHEME_IRI = `${BASE_IRI}scheme/`;
export const CONCEPT_IRI = `${BASE_IRI}concept/`;
export const ONTOLOGY_IRI = `${BASE_IRI}ontology`;
export const BMO = `${ONTOLOGY_IRI}#`;
export const SYSTEM_IRI = `${BASE_IRI}system/`;
export const LICENSE_IRI = 'https://spdx.org/licenses/etalab-2.0.html';

export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const DCTERMS = 'http://purl.org/dc/terms/';
export const SSSOM = 'https://w3id.org/sssom/';
export const SEMAPV = 'https://w3id.org/semapv/vocab/';

export const conceptIri = (code: string) => CONCEPT_IRI + code;
export const schemeIri = (domain: string) => SCHEME_IRI + domain;
export const systemIri = (system: string) => SYSTEM_IRI + system;
export const localCodeIri = (system: string, localCode: string) => `${SYSTEM_IRI}${system}/code/${encodeURIComponent(localCode)}`;

/** The code a vocabulary IRI names, or null when the IRI is outside `base`. */
export function codeOf(iri: string, base: string): string | null {
  if (!iri.startsWith(base)) return null;
  const code = iri.slice(base.length);
  return code && !code.includes('/') ? code : null;
}

/** `(system, local code)` of a local code IRI, or null. */
export function localCodeOf(iri: string): { system: string; localCode: string } | null {
  const match = /^(.+)\/code\/(.+)$/.exec(iri.startsWith(SYSTEM_IRI) ? iri.slice(SYSTEM_IRI.length) : '');
  if (!match) return null;
  try {
    return { system: match[1], localCode: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}
