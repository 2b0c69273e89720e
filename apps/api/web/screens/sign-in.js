// Connexion: through the organisation's provider, or, in the embedded demo
// only, by picking a demo person.

import { escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { postJson } from '../lib/graphql.js';
import { errorHtml } from '../lib/messages.js';
import { signedIn, signInMode } from '../lib/session.js';

const FAILURES = {
  expired: 'La connexion a pris trop de temps ou a déjà été utilisée. Recommencez.',
  refused: 'Le fournisseur d’identité a refusé la connexion.',
  failed: 'La connexion a échoué : le fournisseur d’identité ne répond pas ou sa réponse a été refusée. Réessayez dans un moment.',
};

export async function renderSignIn(_params, params) {
  setTitle('Connexion');
  const back = params.get('retour') ?? '/';
  const failure = FAILURES[params.get('erreur')];
  const failureHtml = failure ? `<p class="error" role="alert">${escapeHtml(failure)}</p>` : '';
  const mode = signInMode();
  if (signedIn()) {
    main().replaceChildren(h(`<h1>Connexion</h1><p>Vous êtes déjà connecté.</p><p><a href="/">Retour à la recherche</a></p>`));
    return;
  }
  if (mode === 'provider') {
    main().replaceChildren(
      h(`<h1>Connexion</h1>${failureHtml}
      <p>Les référents des données et les administrateurs se connectent avec leur compte de la Métropole pour modifier le dictionnaire. La consultation ne demande pas de connexion.</p>
      <p><a class="button" data-reload href="/auth/login?returnTo=${encodeURIComponent(back)}">Se connecter avec le compte de la Métropole</a></p>`),
    );
    return;
  }
  if (mode !== 'demo') {
    main().replaceChildren(
      h(`<h1>Connexion</h1><p>La connexion n’est pas configurée sur ce serveur : le dictionnaire se consulte sans compte.</p>`),
    );
    return;
  }
  const personas = await fetch('/auth/demo/personas', { headers: { accept: 'application/json' } }).then((r) => r.json());
  main().replaceChildren(
    h(`<h1>Connexion à la démonstration</h1>
    <div class="card demo" role="note"><p><strong>Démonstration.</strong> Cette page n’existe que dans la démonstration embarquée : choisissez une personne fictive, sans mot de passe. Sur un serveur de production, la connexion passe par le fournisseur d’identité de la Métropole.</p></div>
    <form id="demo" novalidate>
      <fieldset><legend>Se connecter en tant que</legend>
        ${personas
          .map(
            (
              p,
              i,
            ) => `<label class="choice persona"><input type="radio" name="persona" value="${escapeHtml(p.key)}"${i === 0 ? ' checked' : ''} />
            <span><strong>${escapeHtml(p.name)}</strong> — ${escapeHtml(p.description)}</span></label>`,
          )
          .join('')}
      </fieldset>
      <p id="erreur-demo" class="error" role="alert" hidden></p>
      <div class="actions"><button type="submit" class="button">Se connecter</button></div>
    </form>`),
  );
  document.getElementById('demo').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { redirect } = await postJson('/auth/demo', { persona: event.target.elements.persona.value, returnTo: back });
      // a full load: the header and every screen start again as the new person
      window.location.assign(redirect);
    } catch (error) {
      const box = document.getElementById('erreur-demo');
      box.innerHTML = errorHtml(error);
      box.hidden = false;
    }
  });
}
