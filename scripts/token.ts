/**
 * `npm run token -- --name <name> --role <role> [--owner <who>] [--days <n>] [--scopes read,compute]`:
 * issue an API token on the configured store (DATABASE_URL). The owner is
 * who four-eyes compares (default: the name); it expires after --days
 * (default 90); --scopes limits it to some of its role's permissions. The
 * token is printed once, as the last line.
 */
import { DEFAULT_TOKEN_DAYS } from "../shared/src/api/tokens";
import { issueTokenSchema } from "../shared/src/api/tokens";
import { roleSchema } from "../shared/src/api/roles";
import { parseWith } from "../shared/src/errors";
import { issueToken } from "../service/src/auth/tokens";
import { loadConfig } from "../service/src/config";
import { migrateToLatest } from "../service/src/store/migrations";
import { openDatabase } from "../service/src/store/openDatabase";

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const name = argument("--name")?.trim();
  const role = roleSchema.safeParse(argument("--role"));
  if (!name) throw new Error("--name is required: npm run token -- --name <name> --role <role>");
  if (!role.success) throw new Error(`--role must be one of ${roleSchema.options.join(", ")}`);
  const owner = argument("--owner")?.trim() || name;
  const days = Number(argument("--days") ?? DEFAULT_TOKEN_DAYS);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error("--days must be a whole number of days from 1 to 3650");
  const scopes = argument("--scopes")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The same rule as POST /tokens: only permissions the role holds.
  const checked = parseWith(issueTokenSchema, { name, subject: owner, role: role.data, scopes }, "token");
  const { db, dialect } = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(db as never, dialect);
    const now = new Date();
    const { token, expiresAt } = await issueToken(db, name, role.data, now, { subject: owner, expiresAt: new Date(now.getTime() + days * 86_400_000), scopes: checked.scopes });
    console.log(`Issued a ${role.data} token "${name}"${scopes ? ` limited to ${scopes.join(", ")}` : ""} owned by ${owner}, valid until ${expiresAt}. It is shown once; store it safely:`);
    console.log(token);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
