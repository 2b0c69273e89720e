// Dates as Bordeaux reads them: French words, Paris time whatever the
// browser's own time zone.

const PARIS = 'Europe/Paris';

/** A calendar date (YYYY-MM-DD) or an instant, as "28 novembre 2026". */
export function formatDate(iso) {
  if (!iso) return '';
  // a calendar date has no time zone: read it as such, not as UTC midnight moved to Paris
  const dateOnly = iso.length === 10;
  return new Date(dateOnly ? iso + 'T00:00:00Z' : iso).toLocaleDateString('fr-FR', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: dateOnly ? 'UTC' : PARIS,
  });
}

/** An instant as "28 novembre 2026 à 18:03", Paris time. */
export function formatDateTime(iso) {
  if (!iso) return '';
  const instant = new Date(iso);
  const date = instant.toLocaleDateString('fr-FR', { year: 'numeric', month: 'long', day: 'numeric', timeZone: PARIS });
  const time = instant.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: PARIS });
  return `${date} à ${time}`;
}

/** For <time datetime>: the instant as given. */
export function machineTime(iso) {
  return new Date(iso).toISOString();
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** How long something has waited, as the inbox says it: "depuis 2 jours". */
export function waitingFor(since, now = Date.now()) {
  const waited = Math.max(0, now - new Date(since).getTime());
  if (waited < HOUR) return 'depuis moins d’une heure';
  if (waited < DAY) {
    const hours = Math.floor(waited / HOUR);
    return `depuis ${hours} heure${hours > 1 ? 's' : ''}`;
  }
  const days = Math.floor(waited / DAY);
  return `depuis ${days} jour${days > 1 ? 's' : ''}`;
}
