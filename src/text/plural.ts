/** "1 user", "3 users": one way to count things in every message. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
