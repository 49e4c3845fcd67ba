// The `$schema` an editor should use for a generated policy file: a path relative to the file, to
// the policy schema this package ships — found where it runs from when that is inside the project
// (a checkout of domain-drift, or `npm install domain-drift` in the project), else where
// `npm install --save-dev domain-drift` will put it.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SCHEMA_FILE = "policy-v1.schema.json";
/** From src/init/ or lib/init/ to the package root. */
const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** A checkout has the source schema; an installed package only lib/. */
const SHIPPED = [
  path.join(PACKAGE_ROOT, "src", "schemas", SCHEMA_FILE),
  path.join(PACKAGE_ROOT, "lib", "schemas", SCHEMA_FILE),
];
const INSTALLED = path.join("node_modules", "domain-drift", "lib", "schemas", SCHEMA_FILE);

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function portable(relative: string): string {
  return relative.split(path.sep).join("/");
}

/**
 * `outDir` is where the policy files go and `projectDir` the project they belong to (the
 * working directory): a path to a schema outside the project would break on every other machine.
 */
export function policySchemaReference(
  outDir: string,
  projectDir: string,
  shipped: readonly string[] = SHIPPED,
): string {
  const schema = shipped.find((file) => existsSync(file) && isInside(file, projectDir));
  return portable(path.relative(outDir, schema ?? path.join(projectDir, INSTALLED)));
}
