/**
 * The cycles among broader links: every group of concepts each of which is
 * broader than itself through the others (strongly connected components of
 * more than one concept, or a concept broader than itself). Iterative
 * Tarjan, linear in the links, so a chain of any depth is followed to its end.
 */
export function broaderCycles(links: readonly { code: string; broader: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { code, broader } of links) {
    const targets = next.get(code);
    if (targets) targets.push(broader);
    else next.set(code, [broader]);
    if (!next.has(broader)) next.set(broader, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of next.keys()) {
    if (index.has(root)) continue;
    // each frame: a concept and how many of its links were followed
    const frames: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const [node, followed] = frame;
      const targets = next.get(node)!;
      if (followed < targets.length) {
        frame[1]++;
        const target = targets[followed];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || targets.includes(node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}
