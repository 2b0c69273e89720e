// Word-level differences between two texts, for reviewers reading a changed
// definition: what was removed and what was added, the rest as it was.
// A longest common subsequence of words; texts beyond the size it can afford
// are shown as one removal and one addition.

/** Words (letters, digits, apostrophes and hyphens inside), runs of spaces, single signs. */
const TOKEN = /\s+|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** Beyond this many word pairs the table costs too much for a browser: the texts differ as wholes. */
const MAX_CELLS = 1_000_000;

export function tokens(text) {
  return String(text ?? '').match(TOKEN) ?? [];
}

/** Spaces compare equal whatever their kind and length: a reflowed text has not changed. */
const same = (a, b) => a === b || (/^\s+$/.test(a) && /^\s+$/.test(b));

/**
 * The parts of `after` compared with `before`, in order:
 * `{ type: 'same' | 'removed' | 'added', text }`, adjacent parts of a type merged.
 * Where a passage was replaced, its removal comes before its addition.
 */
export function wordDiff(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) return merge([...part('removed', a), ...part('added', b)]);
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i][j] = same(a[i], b[j]) ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  const parts = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j])) {
      parts.push({ type: 'same', text: b[j] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j])) {
      parts.push({ type: 'added', text: b[j++] });
    } else {
      parts.push({ type: 'removed', text: a[i++] });
    }
  }
  return merge(absorbLoneSpaces(parts));
}

function part(type, list) {
  return list.map((text) => ({ type, text }));
}

/**
 * A single space kept between two changes would cut "budget annexe" → "compte
 * spécial" into four pieces: it joins both sides instead, so a replaced
 * passage reads as one.
 */
function absorbLoneSpaces(parts) {
  const changed = (p) => p && p.type !== 'same';
  const out = [];
  parts.forEach((p, index) => {
    if (p.type === 'same' && /^\s+$/.test(p.text) && changed(out.at(-1)) && changed(parts[index + 1])) {
      out.push({ type: 'removed', text: p.text }, { type: 'added', text: p.text });
    } else out.push(p);
  });
  // within each run of changes, removals first, then additions
  const ordered = [];
  for (let k = 0; k < out.length;) {
    if (out[k].type === 'same') {
      ordered.push(out[k++]);
      continue;
    }
    const run = [];
    while (k < out.length && out[k].type !== 'same') run.push(out[k++]);
    ordered.push(...run.filter((p) => p.type === 'removed'), ...run.filter((p) => p.type === 'added'));
  }
  return ordered;
}

function merge(parts) {
  const merged = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (last && last.type === p.type) last.text += p.text;
    else merged.push({ ...p });
  }
  return merged;
}
