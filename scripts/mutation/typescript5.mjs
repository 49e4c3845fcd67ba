// Stryker calls the TypeScript 5 compiler API (to copy tsconfig.json into its sandbox, and in its
// TypeScript checker), which TypeScript 7, the project's native compiler, does not ship. Loaded
// with `--import` into Stryker's processes, this hands Stryker's packages the `typescript5`
// devDependency instead; the project's own code and tests never see it.
import { register } from "node:module";

register("./typescript5-hooks.mjs", import.meta.url);
