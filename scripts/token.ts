/**
 * `npm run token -- --name <name> --role <role>`: issue a bearer token on the
 * configured store (DATABASE_URL). The token is printed once, as the last line.
 */
import { roleSchema } from "../shared/src/api/roles";
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
  const { db, dialect } = openDatabase(loadConfig().DATABASE_URL);
  try {
    await migrateToLatest(db as never, dialect);
    const { token } = await issueToken(db, name, role.data);
    console.log(`Issued a ${role.data} token for ${name}. It is shown once; store it safely:`);
    console.log(token);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
