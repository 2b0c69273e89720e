import { Principal, Role } from '@lexique/core';

export interface DemoPersona {
  /** What the demo page posts. */
  key: string;
  principal: Principal;
  email: string;
  /** What the demo page says about them, in French. */
  description: string;
}

const person = (key: string, name: string, roles: Role[], stewardDomains: string[], description: string): DemoPersona => {
  const login = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.');
  return {
    key,
    principal: { id: `user:${login}`, name, kind: 'user', roles, stewardDomains },
    email: `${login}@demo.lexique.invalid`,
    description,
  };
};

/** The people of the embedded demo: two finance stewards (so one can review the other), one HR steward, an admin, a reader. */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  person('claire', 'Claire Dubois', [Role.STEWARD], ['FIN'], 'Référente des données Finances'),
  person('julien', 'Julien Moreau', [Role.STEWARD], ['FIN'], 'Référent des données Finances, relit les propositions de Claire'),
  person('sophie', 'Sophie Laurent', [Role.STEWARD], ['RH'], 'Référente des données Ressources humaines'),
  person('admin', 'Nadia Benali', [Role.ADMIN], [], 'Administratrice : tous les domaines, systèmes et clés'),
  person('agent', 'Marc Petit', [Role.READER], [], 'Agent de l’assistance : lecture seule'),
];
