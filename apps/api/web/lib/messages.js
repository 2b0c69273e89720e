// Refusals of the API in French. The API says what went wrong in
// extensions.code, where in extensions.field and, for rules, why in a stable
// extensions.reason: the page words the reason when it knows it, else the
// code, and shows the server's own (English) sentence as a detail.

import { escapeHtml } from './dom.js';

/** Sentences for the stable reasons of the API's refusals; `e` is the ApiError (its extensions name the values). */
const REASONS = {
  DUPLICATE_LABEL: (e) =>
    `Un autre concept du domaine porte déjà ce libellé${e.extensions.conflictingCode ? ` (${e.extensions.conflictingCode})` : ''}.`,
  BROADER_CYCLE: () => 'Ces termes génériques formeraient une boucle : ce concept est déjà au-dessus de l’un d’eux.',
  BROADER_OTHER_DOMAIN: () => 'Un terme générique doit appartenir au même domaine.',
  SELF_REFERENCE: () => 'Un concept ne peut pas se citer lui-même.',
  UNKNOWN_CONCEPT: () => 'Aucun concept n’a ce code.',
  SELF_APPROVAL: () => 'Vous avez fait la dernière modification : un autre référent du domaine doit l’approuver.',
  UNCHANGED: () => 'Rien n’a changé : il n’y a rien à enregistrer.',
  STALE_VERSION: () => 'Quelqu’un a modifié cette fiche pendant que vous la modifiiez. Rechargez la page puis refaites votre modification.',
  REQUIRED: () => 'Ce champ est obligatoire.',
  TOO_LONG: (e) => `Ce texte est trop long${e.extensions.max ? ` (${e.extensions.max} caractères au plus)` : ''}.`,
  CODE_PATTERN: () =>
    'Le code doit commencer par le code du domaine, un tiret, puis des lettres majuscules ou des chiffres (ex. FIN-0420).',
  CODE_TAKEN: () => 'Ce code est déjà utilisé.',
  PERIOD_OVERLAP: () => 'Une autre correspondance de ce code couvre déjà une partie de cette période.',
  NOT_PUBLISHED: () => 'Le concept choisi doit être publié.',
};

/** What each API code means for the person in front of the page. */
const CODES = {
  BAD_USER_INPUT: 'Cette valeur n’est pas acceptée.',
  FORBIDDEN: 'Vous n’avez pas le droit de faire cette opération.',
  UNAUTHENTICATED: 'Connectez-vous pour continuer.',
  CONFLICT: 'Cette fiche a changé entre-temps ou son état ne permet pas cette opération. Rechargez la page puis réessayez.',
  NOT_FOUND: 'Élément introuvable.',
  RATE_LIMITED: 'Trop de demandes à la suite : patientez quelques secondes puis réessayez.',
  QUERY_TOO_COMPLEX: 'Cette demande est trop lourde pour le serveur.',
  INTERNAL_SERVER_ERROR: 'Une erreur est survenue sur le serveur. Réessayez dans un moment.',
};

/** Names of the fields as the forms show them, by their path without `input.` and list positions. */
export const FIELD_LABELS = {
  code: 'Code',
  domain: 'Domaine',
  'prefLabel.fr': 'Libellé préféré (français)',
  'prefLabel.en': 'Libellé préféré (anglais)',
  'altLabels.fr': 'Synonymes (français)',
  'altLabels.en': 'Synonymes (anglais)',
  acronyms: 'Sigles',
  'definition.fr': 'Définition (français)',
  'definition.en': 'Définition (anglais)',
  'scopeNote.fr': 'Note d’application (français)',
  'scopeNote.en': 'Note d’application (anglais)',
  source: 'Source',
  broader: 'Termes génériques',
  related: 'Voir aussi',
  reason: 'Motif',
  localCode: 'Code local',
  localLabel: 'Libellé local',
  relation: 'Relation',
  concept: 'Concept',
  validFrom: 'Valide à partir du',
  validTo: 'Valide jusqu’au',
  note: 'Note',
};

/** `input.broader[1]` → `broader`; `input.mapping.concept` → `concept`. */
export function fieldKey(path) {
  if (!path) return null;
  return path
    .replace(/^inputs?\[\d+\]\./, '')
    .replace(/^(input|mapping)\./, '')
    .replace(/^mapping\./, '')
    .replace(/\[\d+\]/g, '');
}

/** The French sentence for a refusal (without the server's detail). */
export function frenchMessage(error) {
  if (error.name === 'NetworkError') return error.message;
  const reason = error.reason && REASONS[error.reason];
  if (reason) return reason(error);
  return CODES[error.code] ?? CODES.INTERNAL_SERVER_ERROR;
}

/**
 * HTML for a refusal: the French sentence, then the server's sentence as a
 * detail when no reason said it all (it names values the page cannot guess).
 */
export function errorHtml(error) {
  const text = escapeHtml(frenchMessage(error));
  const known = error.reason && REASONS[error.reason];
  if (known || !error.code || error.code === 'INTERNAL_SERVER_ERROR' || error.name === 'NetworkError') return text;
  return `${text} <span class="detail">Détail : <span lang="en">${escapeHtml(error.message)}</span></span>`;
}
