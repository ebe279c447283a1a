// The real Supabase TypeScript generator, run the way `supabase gen types typescript` runs it
// by default: @supabase/postgrest-typegen (what postgres-meta >= 0.99 calls; version pinned in
// package-lock.json), introspecting schema `public`, one-to-one relationship detection on,
// no PostgREST version. Usage: node supabase-typegen.mjs <database-url> [schema,schema…]
import pg from "pg";
import { introspect } from "@supabase/postgrest-typegen/introspection";
import { generateTypescript, sortGeneratorMetadata } from "@supabase/postgrest-typegen/generation";

const [url, schemas = "public"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node supabase-typegen.mjs <database-url> [schemas]");
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
