// The words of the interface for the API's enumerations.

export const STATUS_LABELS = { PUBLISHED: 'Publié', DEPRECATED: 'Obsolète', DRAFT: 'Brouillon', IN_REVIEW: 'En relecture' };

export const RELATION_LABELS = {
  EXACT: 'Équivalent',
  CLOSE: 'Proche',
  BROAD: 'Plus large',
  NARROW: 'Plus précis',
  RELATED: 'Associé',
  UNMAPPED: 'Sans équivalent',
};

/** What each relation means, said from the local code's side (the API's subject). */
export const RELATION_EXPLANATIONS = {
  EXACT: 'Le code local et le concept désignent exactement la même chose.',
  CLOSE: 'Le code local et le concept sont très proches, sans être tout à fait identiques.',
  BROAD: 'Le concept est plus large que le code local : il couvre aussi d’autres cas.',
  NARROW: 'Le concept est plus précis que le code local : le code local couvre plus de cas.',
  RELATED: 'Le code local et le concept sont liés, sans être équivalents.',
  UNMAPPED: 'Le code est connu mais n’a pas d’équivalent dans le dictionnaire partagé.',
};

export const SYSTEM_STATUS_LABELS = { ACTIVE: 'En service', RETIRING: 'En cours de retrait', RETIRED: 'Retiré' };

export const ROLE_LABELS = {
  ADMIN: 'Administrateur',
  STEWARD: 'Référent des données',
  INTEGRATOR: 'Intégrateur',
  READER: 'Lecteur',
};

/** The change log's actions, as a timeline says them. */
export const ACTION_LABELS = {
  CREATE: 'Création',
  UPDATE: 'Modification',
  SUBMIT: 'Envoi en relecture',
  APPROVE: 'Approbation et publication',
  REJECT: 'Renvoi en brouillon',
  DEPRECATE: 'Déclaré obsolète',
  RESTORE: 'Remis en brouillon',
  PROPOSE_REVISION: 'Modification proposée',
  APPROVE_REVISION: 'Modification approuvée',
  REJECT_REVISION: 'Modification refusée',
  DELETE: 'Suppression',
};

/** What waits in the review inbox, in plain words. */
export const REVIEW_KIND_LABELS = {
  NEW_CONCEPT: 'Nouveau concept',
  CONCEPT_REVISION: 'Modification d’un concept publié',
  NEW_MAPPING: 'Nouvelle correspondance',
  MAPPING_REVISION: 'Modification d’une correspondance publiée',
};

/** What an import does, or would do, with one row. */
export const IMPORT_OUTCOME_LABELS = {
  CREATED: 'Création',
  UPDATED: 'Modification',
  UNCHANGED: 'Inchangé',
  PROPOSED: 'Modification proposée (à approuver)',
  REFUSED: 'Refusé',
};
