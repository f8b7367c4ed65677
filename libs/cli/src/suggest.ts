/** "Did you mean …?" for an unknown command: the names a Vault or Akeyless user reaches for. */

/** Words users of other CLIs type, and the keyfrag command that does it. */
const SYNONYMS: Record<string, string[]> = {
  "get-secret": ["get-secret-value"],
  "read-secret": ["get-secret-value"],
  read: ["get-secret-value"],
  get: ["get-secret-value"],
  "list-secrets": ["list-items"],
  list: ["list-items"],
  ls: ["list-items"],
  "update-secret": ["update-secret-val"],
  "update-secret-value": ["update-secret-val"],
  write: ["create-secret", "update-secret-val"],
  put: ["create-secret", "update-secret-val"],
  "delete-secret": ["delete-item"],
  delete: ["delete-item"],
  rm: ["delete-item"],
  "describe-secret": ["describe-item"],
  login: ["auth"],
  "create-key": ["create-dfc-key"],
  "create-role-rule": ["set-role-rule"],
  "get-audit-logs": ["get-audit-events"],
  audit: ["get-audit-events"],
  status: ["cluster-status"],
  "list-dynamic-secret": ["list-dynamic-secrets"],
  "get-dynamic-secret-val": ["get-dynamic-secret-value"],
};

/** Up to three commands close to `word`: a synonym, then names containing it, then typos. */
export function suggestCommands(word: string, commands: readonly string[]): string[] {
  const w = word.toLowerCase();
  const out = new Set<string>();
  for (const name of SYNONYMS[w] ?? []) if (commands.includes(name)) out.add(name);
  for (const name of commands)
    if (name.startsWith(w) || (w.length >= 4 && name.includes(w))) out.add(name);
  const byDistance = commands
    .map((name) => ({ name, d: distance(w, name) }))
    .filter(({ d, name }) => d <= Math.max(2, Math.floor(name.length / 4)))
    .sort((a, b) => a.d - b.d);
  for (const { name } of byDistance) out.add(name);
  return [...out].slice(0, 3);
}

/** Damerau–Levenshtein (optimal string alignment) distance. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] ?? 0, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}
