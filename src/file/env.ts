/**
 * decK-style environment substitution: `${{ env "ORGDECK_NAME" }}` inside string values.
 * Only ORGDECK_-prefixed variables are readable, so a state file cannot exfiltrate the token
 * or other secrets of the CI environment. Among those, a variable that holds a credential
 * (ORGDECK_KONNECT_TOKEN, ORGDECK_KONNECT_TOKEN_FILE, any name with TOKEN, SECRET, PASSWORD or
 * KEY in it) is refused too: a state file comes from a pull request, and a value substituted into
 * it may be printed in a message or written to Konnect as a team's name or description.
 */
import { isPair, isScalar, isSeq, visit, type Document, type LineCounter } from 'yaml';
import type { Problem } from '../errors.js';
import { toPointer } from './located.js';

const REF = /\$\{\{\s*env\s+"([^"]*)"\s*\}\}/g;
const PREFIX = 'ORGDECK_';
/** Names of variables that hold (or point at) a credential: never substituted. */
const CREDENTIAL = /TOKEN|SECRET|PASSWORD|KEY/i;

export type Env = Readonly<Record<string, string | undefined>>;

/** Replaces references in place in the document; returns a problem per bad reference. */
export function substituteEnv(doc: Document, lines: LineCounter, file: string, env: Env): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || typeof node.value !== 'string' || !node.value.includes('${{')) return;
      const at = lines.linePos(node.range?.[0] ?? 0);
      const pointer = pointerOf(path, node);
      const report = (message: string) => problems.push({ file, line: at.line, col: at.col, pointer, message });
      node.value = node.value.replace(REF, (_, name: string) => {
        if (!name.startsWith(PREFIX)) {
          report(`Environment variable "${name}" cannot be used: only variables whose names start with ${PREFIX} are substituted.`);
          return '';
        }
        if (CREDENTIAL.test(name.slice(PREFIX.length))) {
          report(`Environment variable ${name} cannot be used: its name says it holds a credential (TOKEN, SECRET, PASSWORD or KEY), and a value substituted into a state file may be printed in a message or written to Konnect. A credential has no place in a state file; if this value is not one, pass it in a variable whose name has none of those words.`);
          return '';
        }
        const value = env[name];
        if (value === undefined) {
          report(`Environment variable ${name} is not set. Set it, or remove the reference.`);
          return '';
        }
        return value;
      });
      if ((node.value as string).includes('${{')) {
        report('Malformed environment reference: write it as ${{ env "ORGDECK_NAME" }}.');
      }
    },
  });
  return problems;
}

function pointerOf(path: readonly unknown[], node: unknown): string {
  const segs: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (isPair(p)) segs.push(String(isScalar(p.key) ? p.key.value : p.key));
    else if (isSeq(p)) segs.push(String(p.items.indexOf((path[i + 1] ?? node) as never)));
  }
  return toPointer(segs);
}
