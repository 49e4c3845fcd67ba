// The step log. Reports carry text from pull requests and the network; a line of it starting with
// `::` would be run by the runner as a workflow command, so such text is printed with command
// processing stopped (`::stop-commands::<token>`, resumed by `::<token>::`).
import { randomUUID } from "node:crypto";

export function logUntrusted(text: string): void {
  const token = randomUUID();
  const body = text.endsWith("\n") ? text : `${text}\n`;
  process.stdout.write(`::stop-commands::${token}\n${body}::${token}::\n`);
}
