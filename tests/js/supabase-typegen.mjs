// The real Supabase TypeScript generator, run the way `supabase gen types typescript` runs it
// by default: @supabase/postgrest-typegen (what postgres-meta >= 0.99 calls; version pinned in
// package-lock.json), introspecting schema `public`, one-to-one relationship detection on,
// no PostgREST version. The database is the one postgres-meta's documented PG_META_DB_URL
// names (as the Supabase CLI points postgres-meta at it); schemas as `--schema` takes them.
// Usage: PG_META_DB_URL=postgresql://… node supabase-typegen.mjs [schema,schema…]
import pg from "pg";
import { introspect } from "@supabase/postgrest-typegen/introspection";
import { generateTypescript, sortGeneratorMetadata } from "@supabase/postgrest-typegen/generation";

const url = process.env.PG_META_DB_URL;
const [schemas = "public"] = process.argv.slice(2);
if (!url) {
  console.error("usage: PG_META_DB_URL=<database-url> node supabase-typegen.mjs [schemas]");
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const metadata = await introspect(client, { includedSchemas: schemas.split(",") });
  process.stdout.write(await generateTypescript(sortGeneratorMetadata(metadata), { detectOneToOneRelationships: true }));
} finally {
  await client.end();
}
