// A concept's editable content as the form holds it, and the input of an
// edit: only the fields that changed are sent, so that whatever a steward
// did not touch stays as it is.

const TEXTS = ['prefLabel', 'definition', 'scopeNote'];
const TEXT_LISTS = ['altLabels'];
const LISTS = ['acronyms', 'broader', 'related'];
const LANGUAGES = ['fr', 'en'];

/** From a concept as the API reads it (several languages asked by alias), or from a pending proposal. */
export function contentOfConcept(c) {
  if (c.pendingRevision?.proposed) return contentOfSnapshot(c.pendingRevision.proposed);
  return {
    prefLabel: { fr: c.prefLabel ?? '', en: c.prefLabelEn ?? '' },
    altLabels: { fr: c.altLabels ?? [], en: c.altLabelsEn ?? [] },
    definition: { fr: c.definition ?? '', en: c.definitionEn ?? '' },
    scopeNote: { fr: c.scopeNote ?? '', en: c.scopeNoteEn ?? '' },
    acronyms: c.acronyms ?? [],
    source: c.source ?? '',
    broader: (c.broader ?? []).map((b) => b.code),
    related: (c.related ?? []).map((r) => r.code),
  };
}

function contentOfSnapshot(s) {
  const text = (t) => ({ fr: t?.fr ?? '', en: t?.en ?? '' });
  return {
    prefLabel: text(s.prefLabel),
    altLabels: { fr: s.altLabels?.fr ?? [], en: s.altLabels?.en ?? [] },
    definition: text(s.definition),
    scopeNote: text(s.scopeNote),
    acronyms: s.acronyms ?? [],
    source: s.source ?? '',
    broader: s.broader ?? [],
    related: s.related ?? [],
  };
}

export const emptyContent = () => contentOfSnapshot({});

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const orNull = (text) => (text.trim() === '' ? null : text.trim());

/**
 * The UpdateConceptInput of an edit: only the fields that changed and, in a
 * text by language, only the languages that changed (the API keeps a
 * language left out, and clears one sent as null).
 */
export function changedFields(before, after) {
  const input = {};
  for (const name of [...TEXTS, ...TEXT_LISTS]) {
    const changed = LANGUAGES.filter((lang) => !same(before[name][lang], after[name][lang]));
    if (!changed.length) continue;
    input[name] = Object.fromEntries(
      changed.map((lang) => {
        const value = after[name][lang];
        return [lang, TEXT_LISTS.includes(name) ? (value.length ? value : null) : orNull(value)];
      }),
    );
  }
  for (const name of LISTS) if (!same(before[name], after[name])) input[name] = after[name];
  if (before.source.trim() !== after.source.trim()) input.source = orNull(after.source);
  return input;
}

/** The CreateConceptInput of a new concept: what was filled in. */
export function creationFields(domain, code, content) {
  const input = { domain, code, prefLabel: {} };
  for (const name of TEXTS) {
    const text = Object.fromEntries(
      LANGUAGES.filter((lang) => content[name][lang].trim()).map((lang) => [lang, content[name][lang].trim()]),
    );
    if (Object.keys(text).length || name === 'prefLabel') input[name] = text;
  }
  const alt = Object.fromEntries(LANGUAGES.filter((lang) => content.altLabels[lang].length).map((lang) => [lang, content.altLabels[lang]]));
  if (Object.keys(alt).length) input.altLabels = alt;
  for (const name of LISTS) if (content[name].length) input[name] = content[name];
  if (content.source.trim()) input.source = content.source.trim();
  return input;
}
