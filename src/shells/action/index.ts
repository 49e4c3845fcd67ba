// The Action's entry point, bundled into dist/index.js.
import { boundSystemResolver } from "../../net/bounded-lookup.js";
import { quietNodeVersionNotice } from "../../observe/providers/route53/node-version-notice.js";
import { run } from "./main.js";

quietNodeVersionNotice(process.env);
boundSystemResolver(process.env);
await run();
