/**
 * Just enough of a shell's grammar to read the guides' commands: words with
 * their quotes, `$(…)`, comments, line continuations, and the operators that
 * put several commands on a line.
 */
export interface ShellCommand {
  /** `NAME=value` words before the program. */
  assignments: [string, string][];
  words: string[];
  text: string;
}

const OPERATORS = new Set(['|', '||', '&&', ';', '&']);

/** The words of a line; quotes removed, `$(…)` kept whole; `#` outside a word starts a comment. */
export function words(line: string): string[] {
  const result: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '#' && !inWord) break;
    if (/\s/.test(c)) {
      if (inWord) result.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += line.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? line.length : end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) word += line[j] === '\\' ? line[++j] : line[j];
      i = j;
    } else if (c === '$' && line[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '(') depth++;
        if (line[j] === ')' && --depth === 0) break;
      }
      word += line.slice(i, j + 1);
      i = j;
    } else if ('|&;'.includes(c)) {
      if (word) result.push(word);
      const double = line[i + 1] === c && c !== ';' ? c + c : c;
      result.push(double);
      i += double.length - 1;
      word = '';
      inWord = false;
    } else word += c;
  }
  if (inWord) result.push(word);
  return result;
}

/** The commands of a `sh` block, continuation lines joined, redirections left out. */
export function commands(code: string): ShellCommand[] {
  const result: ShellCommand[] = [];
  for (const line of code.replace(/\\\n/g, ' ').split('\n')) {
    let current: string[] = [];
    const flush = () => {
      if (!current.length) return;
      const assignments: [string, string][] = [];
      while (current.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(current[0])) {
        const [name, ...value] = current.shift()!.split('=');
        assignments.push([name, value.join('=')]);
      }
      result.push({ assignments, words: current, text: line.trim() });
      current = [];
    };
    const all = words(line);
    for (let i = 0; i < all.length; i++) {
      if (OPERATORS.has(all[i])) flush();
      else if (/^\d?>>?$|^<$/.test(all[i]))
        i++; // a redirection and its file
      else if (/^\d?>>?\S+$/.test(all[i])) continue;
      else current.push(all[i]);
    }
    flush();
  }
  return result;
}
