// Importer: a file chosen or dropped, read in its charset (UTF-8, else
// Windows-1252 as French Excel saves it), previewed row by row by a dry run
// of the API's import, then confirmed, its new entries sent to review in the
// same step.

import { announce, escapeHtml, h, main, plural, setTitle } from '../lib/dom.js';
import { decodeText, detectCharset, toBase64, WINDOWS_1252 } from '../lib/charset.js';
import { graphql } from '../lib/graphql.js';
import { IMPORT_OUTCOME_LABELS, STATUS_LABELS } from '../lib/labels.js';
import { errorHtml, FIELD_LABELS, importProblemHtml, reasonText } from '../lib/messages.js';
import { reviews } from '../lib/review-queue.js';
import { domainLabel, writableDomains } from '../lib/session.js';
import { clearErrors, formSummary, showFormError } from '../components/form.js';
import { refreshInboxCount } from '../components/header.js';
import { signInLink } from '../components/sign-in-link.js';

const IMPORT = `mutation Importer($input: ImportFileInput!) {
  importFile(input: $input) {
    fileName format dryRun applied rows sentToReview problemCount
    concepts { created updated unchanged proposed } mappings { created updated unchanged proposed }
    problems { line subject field reason message values }
    outcomes { line subject entity key outcome status reasons }
  }
}`;

/**
 * What the page sends at most: the API takes 4 MB of file, but the page sends
 * the bytes in base64 (a third more) within the API's 5 MB request limit.
 */
const MAX_FILE_BYTES = 3.5 * 1024 * 1024;

const FORMAT_LABELS = {
  CONCEPTS_CSV: 'Concepts — tableur CSV',
  MAPPINGS_CSV: 'Correspondances — tableur CSV',
  SKOS_TURTLE: 'Concepts — SKOS Turtle',
  SKOS_JSONLD: 'Concepts — SKOS JSON-LD',
  SSSOM_TSV: 'Correspondances — SSSOM/TSV',
};

/** The file being imported: its bytes, charset and what the form said, kept from preview to confirmation. */
let chosen = null;

export async function renderImport() {
  setTitle('Importer un fichier');
  if (!reviews()) {
    main().replaceChildren(
      h(
        `<h1>Importer un fichier</h1><p>L’import est réservé aux référents des domaines et aux administrateurs.</p>${signInLink('button')}`,
      ),
    );
    return;
  }
  chosen = null;
  const domains = writableDomains();
  main().replaceChildren(
    h(`<h1>Importer un fichier</h1>
    <p class="lead">Des concepts ou des correspondances depuis un tableur (CSV), SKOS (Turtle, JSON-LD) ou SSSOM.
      Rien n’est écrit avant votre confirmation : vous voyez d’abord, ligne par ligne, ce que l’import ferait.</p>
    <section class="card" aria-labelledby="titre-modeles">
      <h2 id="titre-modeles" class="card-title">Modèles à remplir</h2>
      <p>Des tableaux aux en-têtes en français, avec une ligne d’exemple à remplacer. Enregistrez-les depuis Excel en
        « CSV (séparateur : point-virgule) » ou en « CSV UTF-8 » : les deux sont lus. Les valeurs multiples d’une cellule sont séparées par « | ».</p>
      <ul class="inline-list">
        <li><a class="button secondary" href="/export/templates/concepts.csv" download>Modèle de concepts (CSV)</a></li>
        <li><a class="button secondary" href="/export/templates/mappings.csv" download>Modèle de correspondances (CSV)</a></li>
      </ul>
    </section>
    <form id="import" novalidate>
      ${formSummary()}
      <div class="field drop-zone" id="depot" data-field="content">
        <label for="fichier">Fichier à importer</label>
        <p class="hint" id="fichier-aide">Choisissez-le, ou déposez-le dans ce cadre. 3,5 Mo au plus ; au-delà, utilisez la commande <span class="code">lexique import</span> sur le serveur.</p>
        <input id="fichier" name="file" type="file" accept=".csv,.tsv,.ttl,.jsonld,.json,text/csv" aria-describedby="fichier-aide fichier-erreur fichier-lu" />
        <p id="fichier-lu" class="chosen" aria-live="polite"></p>
        <p class="field-error" id="fichier-erreur" hidden></p>
      </div>
      <div class="field-row">
        <div class="field" data-field="format">
          <label for="format">Contenu du fichier</label>
          <select id="format" name="format">${Object.entries(FORMAT_LABELS)
            .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
            .join('')}</select>
        </div>
        <div class="field" data-field="domain">
          <label for="domaine-import">Domaine des lignes qui n’en indiquent pas</label>
          <select id="domaine-import" name="domain"><option value="">Aucun : chaque ligne l’indique</option>${domains
            .map((d) => `<option value="${escapeHtml(d)}">${escapeHtml(domainLabel(d))} (${escapeHtml(d)})</option>`)
            .join('')}</select>
        </div>
      </div>
      <label class="choice"><input type="checkbox" name="submit" checked />
        <span><strong>Envoyer les nouveautés en relecture</strong> — les concepts créés ou modifiés en brouillon partent directement en relecture chez un autre référent du domaine.</span></label>
      <div class="actions"><button type="submit" class="button">Prévisualiser l’import</button></div>
    </form>
    <div id="apercu"></div>`),
  );
  const form = document.getElementById('import');
  const input = form.elements.file;
  input.addEventListener('change', () => input.files[0] && void choose(form, input.files[0]));
  const zone = document.getElementById('depot');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer?.files?.[0];
    if (file) void choose(form, file);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void preview(form);
  });
}

/** Reads the chosen file: its size, charset and likely content, said next to the field. */
async function choose(form, file) {
  clearErrors(form);
  document.getElementById('apercu').replaceChildren();
  const said = document.getElementById('fichier-lu');
  chosen = null;
  if (file.size > MAX_FILE_BYTES) {
    said.textContent = '';
    fieldError(
      form,
      `Ce fichier fait ${megabytes(file.size)} : la page en accepte 3,5 Mo au plus. Importez-le avec la commande « lexique import ${file.name} » sur le serveur, qui lit les fichiers de toute taille (voir la documentation).`,
    );
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const charset = detectCharset(bytes);
  const text = decodeText(bytes.subarray(0, 4096), charset);
  chosen = { name: file.name, bytes, charset };
  form.elements.format.value = likelyFormat(file.name, text);
  said.textContent = `« ${file.name} », ${megabytes(file.size)}, ${
    charset === WINDOWS_1252
      ? 'lu en Windows-1252 : ce n’est pas de l’UTF-8, c’est sans doute un « CSV (séparateur : point-virgule) » d’Excel. Vérifiez les accents dans l’aperçu.'
      : 'lu en UTF-8.'
  }`;
}

/** What the file holds, from its name and, for a CSV, its header line. */
function likelyFormat(name, head) {
  const lower = name.toLowerCase();
  if (lower.endsWith('.ttl')) return 'SKOS_TURTLE';
  if (lower.endsWith('.jsonld') || lower.endsWith('.json')) return 'SKOS_JSONLD';
  if (lower.endsWith('.tsv')) return 'SSSOM_TSV';
  const header = head
    .split('\n', 1)[0]
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return /localcode|code local/.test(header) ? 'MAPPINGS_CSV' : 'CONCEPTS_CSV';
}

const megabytes = (bytes) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`
    : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

function fieldError(form, text) {
  const message = document.getElementById('fichier-erreur');
  message.textContent = text;
  message.hidden = false;
  form.elements.file.setAttribute('aria-invalid', 'true');
  form.elements.file.focus();
}

function inputOf(form, dryRun) {
  return {
    fileName: chosen.name,
    format: form.elements.format.value,
    content: toBase64(chosen.bytes),
    encoding: 'BASE64',
    charset: chosen.charset,
    domain: form.elements.domain.value || null,
    dryRun,
    submit: form.elements.submit.checked,
  };
}

async function preview(form) {
  clearErrors(form);
  if (!chosen) return fieldError(form, 'Choisissez d’abord un fichier.');
  const box = document.getElementById('apercu');
  box.replaceChildren(h('<p role="status">Lecture du fichier…</p>'));
  const input = inputOf(form, true);
  let report;
  try {
    report = (await graphql(IMPORT, { input })).importFile;
  } catch (error) {
    box.replaceChildren();
    return showFormError(form, error);
  }
  box.replaceChildren(h(previewHtml(report, input)));
  document.getElementById('titre-apercu').focus();
  announce(report.problemCount ? `${report.problemCount} problèmes : rien ne sera importé` : 'Aperçu prêt : confirmez pour importer');
  document.getElementById('confirmer')?.addEventListener('click', () => void confirm(form, input));
}

function countsText(report) {
  const counts = ['MAPPINGS_CSV', 'SSSOM_TSV'].includes(report.format) ? report.mappings : report.concepts;
  return [
    plural(counts.created, 'création', 'créations'),
    plural(counts.updated, 'modification', 'modifications'),
    plural(counts.proposed, 'modification proposée', 'modifications proposées'),
    plural(counts.unchanged, 'ligne inchangée', 'lignes inchangées'),
  ].join(', ');
}

function previewHtml(report, input) {
  const csv = report.format.endsWith('_CSV');
  const blocked = report.problemCount > 0;
  return `<section class="preview" aria-labelledby="titre-apercu">
    <h2 id="titre-apercu" tabindex="-1">Aperçu de l’import de « ${escapeHtml(report.fileName)} »</h2>
    <p>${plural(report.rows, 'ligne lue', 'lignes lues')} : ${escapeHtml(countsText(report))}${
      report.sentToReview ? ` ; ${plural(report.sentToReview, 'entrée envoyée', 'entrées envoyées')} en relecture` : ''
    }.</p>
    ${
      blocked
        ? `<p class="card warning" role="alert"><strong>L’import est bloqué : ${plural(report.problemCount, 'problème', 'problèmes')}.</strong>
            Un import s’applique en entier ou pas du tout : corrigez le fichier puis choisissez-le à nouveau. Rien n’a été écrit.</p>
           ${problemsTable(report, csv)}`
        : `<p class="notice">Rien n’a encore été écrit. Vérifiez les lignes ci-dessous, puis confirmez.</p>
           <div class="actions"><button type="button" class="button" id="confirmer">Confirmer l’import${
             input.submit ? ' et envoyer les nouveautés en relecture' : ''
           }</button></div>`
    }
    ${outcomesTable(report)}
  </section>`;
}

function problemsTable(report, csv) {
  return `<div class="table-wrap"><table class="problems">
    <caption>Problèmes, dans l’ordre du fichier${report.problemCount > report.problems.length ? ` (les ${report.problems.length} premiers)` : ''}</caption>
    <thead><tr><th scope="col">Ligne</th><th scope="col">Champ</th><th scope="col">Problème</th></tr></thead>
    <tbody>${report.problems
      .map(
        (p) => `<tr><td>${p.line ?? escapeHtml(p.subject ?? '—')}</td><td>${escapeHtml(FIELD_LABELS[p.field] ?? p.field)}</td>
          <td>${importProblemHtml(p, csv ? 1 : null)}</td></tr>`,
      )
      .join('')}</tbody>
  </table></div>`;
}

function outcomesTable(report) {
  if (!report.outcomes.length) return '';
  return `<div class="table-wrap"><table class="outcomes">
    <caption>Ligne par ligne${report.rows > report.outcomes.length ? ` (les ${report.outcomes.length} premières)` : ''}</caption>
    <thead><tr><th scope="col">Ligne</th><th scope="col">Élément</th><th scope="col">Résultat</th><th scope="col">Statut après l’import</th></tr></thead>
    <tbody>${report.outcomes
      .map(
        (o) => `<tr class="${o.outcome === 'REFUSED' ? 'refused' : ''}"><td>${o.line ?? escapeHtml(o.subject ?? '—')}</td>
          <td><span class="code">${escapeHtml(o.key)}</span></td>
          <td>${escapeHtml(IMPORT_OUTCOME_LABELS[o.outcome] ?? o.outcome)}${
            o.reasons.length ? ` : ${escapeHtml(o.reasons.map((r) => reasonText(r) ?? r).join(' '))}` : ''
          }</td>
          <td>${escapeHtml(STATUS_LABELS[o.status] ?? o.status ?? '—')}</td></tr>`,
      )
      .join('')}</tbody>
  </table></div>`;
}

async function confirm(form, previewed) {
  const button = document.getElementById('confirmer');
  button.disabled = true;
  const box = document.getElementById('apercu');
  let report;
  try {
    report = (await graphql(IMPORT, { input: { ...previewed, dryRun: false } })).importFile;
  } catch (error) {
    button.disabled = false;
    box.prepend(h(`<p class="error" role="alert">${errorHtml(error)}</p>`));
    return;
  }
  if (!report.applied) {
    // the dictionary changed since the preview: the new report says how
    box.replaceChildren(h(previewHtml(report, previewed)));
    document.getElementById('titre-apercu').focus();
    return;
  }
  chosen = null;
  form.reset();
  document.getElementById('fichier-lu').textContent = '';
  void refreshInboxCount();
  box.replaceChildren(
    h(`<section class="card steward" aria-labelledby="titre-importe">
      <h2 id="titre-importe" class="card-title" tabindex="-1">Import de « ${escapeHtml(report.fileName)} » terminé</h2>
      <p>${plural(report.rows, 'ligne lue', 'lignes lues')} : ${escapeHtml(countsText(report))}.</p>
      ${report.sentToReview ? `<p>${plural(report.sentToReview, 'entrée envoyée', 'entrées envoyées')} en relecture : un autre référent du domaine la trouvera dans « À relire ».</p>` : ''}
      <p><a href="/a-relire">Voir ce qui est à relire</a></p>
    </section>`),
  );
  document.getElementById('titre-importe').focus();
  announce('Import terminé');
}
