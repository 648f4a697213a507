/** Import cycles among TypeScript files, found by madge (type-only imports count: they tie files together for a reader too). */
import madge from 'madge';

export interface ImportGraph {
  /** Each cycle as the files on it, relative to the base folder. */
  cycles: string[][];
  /** How many imports madge followed: a resolver that followed none would find no cycle either. */
  edges: number;
  /** Imports madge could not resolve to a file; a cycle through one would go unseen. */
  skipped: string[];
}

export async function readImportGraph(baseDir: string, paths: string[], tsConfig?: string): Promise<ImportGraph> {
  const graph = await madge(paths, { baseDir, fileExtensions: ['ts'], ...(tsConfig ? { tsConfig } : {}) });
  return { cycles: graph.circular(), edges: Object.values(graph.obj()).flat().length, skipped: graph.warnings().skipped };
}
