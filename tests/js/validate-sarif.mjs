// Validates a SARIF log against the SARIF 2.1.0 JSON schema (2.1.0-rtm.5, the final one, as
// @microsoft/jest-sarif ships it; version pinned in package-lock.json) with ajv, as that
// package's own matcher does. Usage: node validate-sarif.mjs log.sarif… — exit 0 when every
// log is valid, else 1 with every schema error.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";

const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const draft04 = require("ajv/lib/refs/json-schema-draft-04.json");
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate-sarif.mjs <log.sarif>…");
  process.exit(2);
}
const ajv = new Ajv({ schemaId: "auto", allErrors: true });
ajv.addMetaSchema(draft04);
const validate = ajv.compile(schema);
let invalid = 0;
for (const file of files) {
  const log = JSON.parse(readFileSync(file, "utf8"));
  if (validate(log)) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    invalid += 1;
    console.error(`${file}: not valid SARIF 2.1.0:\n${ajv.errorsText(validate.errors, { separator: "\n" })}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
