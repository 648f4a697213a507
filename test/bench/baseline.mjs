// The benchmark's baseline: a plain client with fixed parallelism that reads what `orgdeck dump`
// reads and, on 429, sleeps for Retry-After and tries again. Usage: node baseline.mjs PARALLELISM
// (KONNECT_ADDR and KONNECT_TOKEN from the environment). Prints the number of 429s it saw.
const parallelism = Number(process.argv[2] ?? 8);
const base = process.env.KONNECT_ADDR.replace('{region}', 'global');
const headers = { authorization: `Bearer ${process.env.KONNECT_TOKEN}` };
let refused = 0;

async function get(path) {
  for (;;) {
    const res = await fetch(`${base}${path}`, { headers });
    if (res.status !== 429) return res.json();
    refused++;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
}

/** Run `tasks` (functions returning promises) with at most `parallelism` at a time. */
async function pool(tasks) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: parallelism }, worker));
  return results;
}

async function list(path) {
  const first = await get(`${path}?page[size]=100&page[number]=1`);
  const pages = Math.ceil((first.meta?.page?.total ?? 0) / 100);
  const rest = await pool(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => () => get(`${path}?page[size]=100&page[number]=${i + 2}`)));
  return [first, ...rest].flatMap((p) => p.data ?? []);
}

const [users, teams] = await Promise.all([list('/v3/users'), list('/v3/teams')]);
await pool([
  ...teams.map((t) => () => list(`/v3/teams/${t.id}/users`)),
  ...teams.filter((t) => !t.system_team).map((t) => () => get(`/v3/teams/${t.id}/assigned-roles`)),
  ...users.map((u) => () => get(`/v3/users/${u.id}/assigned-roles`)),
]);
process.stderr.write(`baseline: ${users.length} users, ${teams.length} teams, ${refused} answers of 429\n`);
