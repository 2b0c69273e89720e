// Lexique — the agents' page and the stewards' workspace. Plain JavaScript
// modules, no framework and nothing from another host: small to load on a
// slow network. Each screen lives in its own file under screens/.

import { loadSession } from './lib/session.js';
import { route, showError, startRouter } from './lib/router.js';
import { announce } from './lib/dom.js';
import { renderHeader } from './components/header.js';
import { renderSearch } from './screens/search.js';
import { renderConcept } from './screens/concept.js';
import { renderConceptForm } from './screens/concept-form.js';
import { renderHistory } from './screens/history.js';
import { renderLegacyCode } from './screens/legacy-code.js';
import { renderSystems } from './screens/systems.js';
import { renderSystem } from './screens/system.js';
import { renderDomain } from './screens/domain.js';
import { renderSignIn } from './screens/sign-in.js';
import { renderNotifications } from './screens/notifications.js';
import { renderReviewInbox } from './screens/review-inbox.js';
import { renderConceptReview, renderMappingReview } from './screens/review.js';
import { renderImport } from './screens/import.js';

route('/', renderSearch, 'search');
route('/concept/:code', renderConcept);
route('/concept/:code/modifier', renderConceptForm);
route('/concept/:code/historique', renderHistory);
route('/nouveau-concept', renderConceptForm, 'new');
route('/domaine/:code', renderDomain);
route('/systems', renderSystems, 'systems');
route('/system/:system', renderSystem, 'systems');
route('/system/:system/code/:code*', renderLegacyCode);
route('/connexion', renderSignIn);
route('/notifications', renderNotifications, 'notifications');
route('/a-relire', renderReviewInbox, 'review');
route('/a-relire/concept/:code', renderConceptReview, 'review');
route('/a-relire/correspondance/:system/:code*', renderMappingReview, 'review');
route('/import', renderImport, 'import');

document.addEventListener('click', (event) => {
  const copy = event.target.closest('button[data-copy]');
  if (!copy) return;
  void navigator.clipboard.writeText(copy.dataset.copy).then(
    () => announce(`Copié : ${copy.dataset.copy}`),
    () => announce('La copie a échoué'),
  );
  copy.textContent = 'Copié';
  window.setTimeout(() => (copy.textContent = 'Copier'), 1500);
});

async function start() {
  try {
    await loadSession();
  } catch (error) {
    showError(error);
    return;
  }
  renderHeader();
  await startRouter();
}

void start();
