// A front end of the example schema: what `createClient<Database>` users write, checked by
// `tsc --strict` against the `Database` type pgforge generates (tests/typescript.rs copies it
// beside this file as database.types.ts). Each `@ts-expect-error` line must fail to compile,
// so the types are shown to refuse what the schema refuses.
import { createClient } from "@supabase/supabase-js"
import type { Database, Enums, Tables, TablesInsert, TablesUpdate } from "./database.types"

const supabase = createClient<Database>("http://127.0.0.1:54321", "anon-key")

export async function conversations(tenant: string): Promise<string[]> {
  const { data, error } = await supabase.from("conversations").select("id, title, status, tags").eq("tenant_id", tenant)
  if (error || !data) return []
  return data.map((c) => {
    const id: number = c.id
    const status: Enums<"conversation_status"> = c.status
    const tags: string[] = c.tags
    // @ts-expect-error title is nullable
    const title: string = c.title
    return `${id} ${status} ${tags.join()} ${title}`
  })
}

export async function post(conversation: number): Promise<Tables<"messages"> | null> {
  const row: TablesInsert<"messages"> = { conversation_id: conversation, content: "hello", role: "user" }
  const { data } = await supabase.from("messages").insert(row).select().single()
  // @ts-expect-error role is an enum: "robot" is not one of its labels
  await supabase.from("messages").insert({ conversation_id: conversation, content: "hi", role: "robot" })
  // @ts-expect-error id is GENERATED ALWAYS AS IDENTITY: never written
  await supabase.from("messages").insert({ id: 1, conversation_id: conversation, content: "hi", role: "user" })
  // @ts-expect-error content is NOT NULL without a default: required
  await supabase.from("messages").insert({ conversation_id: conversation, role: "user" })
  const patch: TablesUpdate<"conversations"> = { title: null, status: "archived" }
  await supabase.from("conversations").update(patch).eq("id", conversation)
  return data
}

export async function search(embedding: string): Promise<number> {
  const { data: count } = await supabase.rpc("conversation_message_count", { conversation_id: 1 })
  const n: number = count ?? 0
  const { data: chunks } = await supabase.rpc("match_knowledge_chunks", { query_embedding: embedding, match_count: 5 })
  const best: number = chunks?.[0]?.similarity ?? 0
  // @ts-expect-error the argument is required
  await supabase.rpc("conversation_message_count", {})
  // @ts-expect-error no such function
  await supabase.rpc("no_such_function")
  const overview = await supabase.from("conversation_overview").select("message_count")
  const total: number = (overview.data ?? []).reduce((s, r) => s + (r.message_count ?? 0), 0)
  return n + best + total
}
