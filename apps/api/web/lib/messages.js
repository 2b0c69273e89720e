// Refusals of the API in French. The API says what went wrong in
// extensions.code, where in extensions.field and, for rules, why in a stable
// extensions.reason: the page words the reason when it knows it, else the
// code, and shows the server's own (English) sentence as a detail.

import { escapeHtml } from './dom.js';

/**
 * Sentences for the stable reasons of the API's refusals (extensions.reason);
 * `v` holds the values the refusal names (extensions: concept, domain, max…).
 * Reasons that say no more than their code (INVALID_VALUE, NOT_ALLOWED,
 * CONFLICT…) are left to the code's sentence and the server's detail.
 */
const REASONS = {
  REQUIRED: () => 'Ce champ est obligatoire.',
  TOO_LONG: (v) => `Ce texte est trop long${v.max ? ` : ${v.max} caractères au plus` : ''}.`,
  TOO_MANY: (v) => `Trop d’éléments${v.max ? ` : ${v.max} au plus` : ''}.`,
  INVALID_FORMAT: () => 'Ce n’est pas un code de concept (ex. FIN-0420).',
  UNKNOWN_LANGUAGE: () => 'Langue inconnue.',
  DUPLICATE_IN_REQUEST: () => 'Cet élément apparaît deux fois.',
  UNKNOWN_DOMAIN: () => 'Ce domaine n’existe pas.',
  UNKNOWN_CONCEPT: (v) => `Aucun concept n’a le code ${v.concept ?? 'indiqué'}.`,
  UNKNOWN_SYSTEM: () => 'Ce système d’information n’existe pas.',
  CODE_TAKEN: (v) => `Le code ${v.concept ?? ''} est déjà utilisé.`.replace('  ', ' '),
  CODE_OUTSIDE_DOMAIN: () => 'Le code doit commencer par le code du domaine et un tiret (ex. FIN-0420).',
  CODE_FROZEN: () => 'Le code d’un concept déjà publié ne change plus.',
  DOMAIN_FROZEN: () => 'Le domaine d’un concept ne change pas.',
  DUPLICATE_LABEL: (v) => `Un autre concept du domaine porte déjà ce libellé${v.concept ? ` (${v.concept})` : ''}.`,
  LABEL_REPEATED: () => 'Ce libellé est déjà le libellé préféré ou un synonyme de ce concept.',
  SELF_REFERENCE: () => 'Un concept ne peut pas se citer lui-même.',
  BROADER_OTHER_DOMAIN: (v) =>
    `Un terme générique doit être du même domaine${v.concept ? ` (${v.concept} est dans le domaine ${v.domain})` : ''}.`,
  BROADER_CYCLE: () => 'Ces termes génériques formeraient une boucle : ce concept est déjà au-dessus de l’un d’eux.',
  SUCCESSOR_NOT_PUBLISHED: () => 'Le concept qui le remplace doit être publié.',
  SUCCESSOR_WITHOUT_DEPRECATION: () => 'Seul un concept obsolète a un remplaçant.',
  CONCEPT_NOT_PUBLISHED: () => 'Le concept choisi doit être publié.',
  CONCEPT_WITH_UNMAPPED: () => 'Un code « sans équivalent » ne désigne pas de concept.',
  PERIOD_ORDER: () => 'La fin de validité doit venir après son début.',
  PERIOD_OVERLAP: () => 'Une autre correspondance de ce code couvre déjà une partie de cette période.',
  PERIOD_AMBIGUOUS: () => 'Ce code a plusieurs périodes de validité : choisissez laquelle modifier.',
  STALE_VERSION: () => 'Quelqu’un a modifié cette fiche pendant que vous la modifiiez. Rechargez la page puis refaites votre modification.',
  TRANSITION_NOT_ALLOWED: () => 'L’état de cette fiche ne permet pas cette opération.',
  PENDING_REVISION: () => 'Une modification attend déjà une décision : elle doit être approuvée ou refusée d’abord.',
  UNCHANGED: () => 'Rien n’a changé : il n’y a rien à enregistrer.',
  SELF_APPROVAL: () => 'Vous avez fait la dernière modification : un autre référent du domaine doit l’approuver.',
  REVIEW_REQUIRED: () => 'Dans ce domaine, une publication doit être relue par un second référent.',
  STATUS_DOWNGRADE: () => 'Une fiche publiée ne revient pas à un état antérieur de cette façon.',
  NOT_STEWARD: (v) =>
    `Seuls les référents du domaine${v.domain ? ` ${v.domain}` : ''} et les administrateurs peuvent faire cette modification.`,
  ADMIN_ONLY: () => 'Seuls les administrateurs peuvent faire cette opération.',
  SIGN_IN_REQUIRED: () => 'Connectez-vous pour continuer.',
  INVALID_CREDENTIALS: () => 'Votre identification a été refusée : reconnectez-vous.',
  SESSION_EXPIRED: () => 'Votre session a expiré : reconnectez-vous.',
  RATE_LIMITED: (v) => `Trop de demandes à la suite : réessayez${v.retryAfter ? ` dans ${v.retryAfter} secondes` : ' dans un moment'}.`,
  FILE_UNREADABLE: () => 'Ce fichier ne peut pas être lu.',
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
  status: 'Statut',
  hiddenLabels: 'Libellés cachés',
  replacedBy: 'Remplacé par',
  system: 'Système',
  justification: 'Justification',
  confidence: 'Confiance',
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
function frenchMessage(error) {
  if (error.name === 'NetworkError') return error.message;
  const reason = error.reason && REASONS[error.reason];
  if (reason) return reason(error.extensions ?? {});
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

/** Refusals of a review decision, said from the reviewer's side. */
const DECISION_REASONS = {
  STALE_VERSION: 'Cette proposition a changé depuis que vous l’avez ouverte : rechargez-la et relisez-la avant de décider.',
  TRANSITION_NOT_ALLOWED: 'Cette proposition n’attend plus de décision : quelqu’un l’a sans doute déjà approuvée ou refusée.',
};

/** A refusal of an approval or a rejection, in French. */
export function decisionErrorHtml(error) {
  const text = DECISION_REASONS[error.reason];
  return text ? escapeHtml(text) : errorHtml(error);
}

/** The French sentence of a stable reason, or null where the reason says no more than its code. */
export function reasonText(reason, values = {}, { decision = false } = {}) {
  if (decision && DECISION_REASONS[reason]) return DECISION_REASONS[reason];
  return REASONS[reason]?.(values ?? {}) ?? null;
}

/**
 * One problem of an import, as the preview lists it: the French sentence of
 * its reason and, where that says too little, the server's own sentence.
 * `headerLine`: the line whose problems are about column headers (1 in CSV).
 */
export function importProblemHtml(problem, headerLine) {
  const header = problem.line === headerLine && problem.reason === 'INVALID_VALUE';
  const text = header
    ? 'Cet en-tête de colonne n’est pas reconnu, ou une colonne obligatoire manque : comparez avec le modèle.'
    : problem.field === 'encoding'
      ? 'Ce fichier n’est pas lisible dans le jeu de caractères choisi.'
      : (reasonText(problem.reason, problem.values) ?? 'Cette valeur n’est pas acceptée.');
  const known = !header && REASONS[problem.reason] && problem.reason !== 'FILE_UNREADABLE';
  return known
    ? escapeHtml(text)
    : `${escapeHtml(text)} <span class="detail">Détail : <span lang="en">${escapeHtml(problem.message)}</span></span>`;
}
