/** The part of madge's JS API the architecture test uses (madge ships no types). */
declare module 'madge' {
  interface MadgeConfig {
    baseDir?: string;
    fileExtensions?: string[];
    tsConfig?: string | object;
  }
  interface MadgeResult {
    /** Each cycle as the files on it, relative to baseDir. */
    circular(): string[][];
    /** file → the files it imports (static, dynamic and type-only), relative to baseDir. */
    obj(): Record<string, string[]>;
    /** Files madge could not resolve. */
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
