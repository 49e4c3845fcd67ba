// The Action's entry point, bundled into dist/index.js.
import { quietNodeVersionNotice } from "../../observe/aws/node-version-notice.js";
import { run } from "./main.js";

quietNodeVersionNotice(process.env);
await run();
