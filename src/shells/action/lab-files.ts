// The `root-hints`, `rdap-bootstrap` and `registries` inputs make a lab: they replace the shipped reference data
// and lift the non-public address rule. On a pull request the workspace holds the pull request's
// files, so a lab file inside it would let the pull request choose where the checks send their
// queries (the runner's own network included): pull-request mode refuses it, as it refuses a cache.
import path from "node:path";
import { isPathInsideOrLinkedInto } from "../../files/contained.js";
import type { ActionInputs, ActionMode, InputName } from "./inputs.js";

/** A message naming every lab file inside the workspace, or undefined when there is none. */
export async function labFilesInWorkspace(
  inputs: Pick<ActionInputs, "rootHints" | "rdapBootstrap" | "registries">,
  mode: ActionMode,
  workspace: string,
): Promise<string | undefined> {
  if (mode !== "pull-request") return undefined;
  const given: ReadonlyArray<readonly [InputName, string | undefined]> = [
    ["root-hints", inputs.rootHints],
    ["rdap-bootstrap", inputs.rdapBootstrap],
    ["registries", inputs.registries],
  ];
  const inside: string[] = [];
  for (const [name, file] of given) {
    if (file === undefined) continue;
    // As written or through symlinks (the pull request may commit one where the file is read).
    if (await isPathInsideOrLinkedInto(path.resolve(workspace, file), workspace)) {
      inside.push(`${name} ${file}`);
    }
  }
  if (inside.length === 0) return undefined;
  const named =
    inside.length <= 2
      ? inside.join(" and ")
      : `${inside.slice(0, -1).join(", ")} and ${inside.at(-1)}`;
  return `${named} ${inside.length === 1 ? "is" : "are"} inside the workspace, which holds the pull request's files: a pull request could change them and send the checks to servers of its choosing, non-public addresses included. Use files outside it, such as under \${{ runner.temp }}, or leave these inputs unset.`;
}
