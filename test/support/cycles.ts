/** Import cycles among TypeScript files, found by madge (type-only imports count: they tie files together for a reader too). */
import madge from 'madge';

export interface ImportGraph {
  /** Each cycle as the files on it, relative to the base folder. */
  cycles: string[][];
  /** How many imports madge followed: a resolver that followed none would find no cycle either. */
  edges: number;
  /** Imports madge could not resolve to a file; a cycle through one would go unseen. */
  skipped: string[];
  /** file → the files it imports, relative to the base folder. */
  imports: Record<string, string[]>;
}

export async function readImportGraph(baseDir: string, paths: string[], tsConfig?: string): Promise<ImportGraph> {
  const graph = await madge(paths, { baseDir, fileExtensions: ['ts'], ...(tsConfig ? { tsConfig } : {}) });
  const imports = graph.obj();
  return { cycles: graph.circular(), edges: Object.values(imports).flat().length, skipped: graph.warnings().skipped, imports };
}

/** The pipeline's stages under src/, in order: a stage may import those before it, never one after. */
export const STAGES = ['file', 'diff', 'plan', 'apply'] as const;

/** Each import from a stage's folder into a later stage's folder, as "from -> to". */
export function laterStageImports(imports: Record<string, string[]>): string[] {
  const stage = (f: string) => STAGES.indexOf(f.match(/^src\/([^/]+)\//)?.[1] as (typeof STAGES)[number]);
  return Object.entries(imports).flatMap(([from, tos]) => tos.filter((to) => stage(from) >= 0 && stage(to) > stage(from)).map((to) => `${from} -> ${to}`));
}
