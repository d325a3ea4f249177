// Copyright 2026 the npy authors. MIT license.

/** A module's specifiers, as written (relative paths, `npm:` and `node:`). */
export function specifiersOf(text: string): string[] {
  const code = stripComments(text);
  return [
    ...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gms),
    ...code.matchAll(/^\s*import\s*"([^"]+)"/gm),
    ...code.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1]);
}

/** Every file reachable from the entries by relative imports, as file URLs. */
export async function localGraph(entries: URL[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const todo = entries.map((u) => u.href);
  while (todo.length > 0) {
    const href = todo.pop()!;
    if (files.has(href)) continue;
    const text = await Deno.readTextFile(new URL(href));
    files.set(href, text);
    for (const s of specifiersOf(text)) {
      if (s.startsWith(".")) todo.push(new URL(s, href).href);
    }
  }
  return files;
}

/** The text without comments that start a line (JSDoc examples import too). */
export function stripComments(text: string): string {
  return text.replace(/^\s*\/\*[\s\S]*?\*\//gm, "").replace(/^\s*\/\/.*$/gm, "");
}

/** Whether a module's code (comments removed) uses the `Deno` namespace. */
export function usesDeno(text: string): boolean {
  return /\bDeno\./.test(stripComments(text));
}
