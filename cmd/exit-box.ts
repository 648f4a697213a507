/**
 * Where a command leaves its exit code for `cmd/run.ts`. Its own module so the program and the
 * commands it registers both import it without importing each other.
 */
export interface ExitBox {
  code: number;
}
