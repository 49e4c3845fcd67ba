// The lab's TLS certificate for the HTTPS emulators, issued by the lab's test CA
// (fixtures/tls/lab-ca.pem, whose key was thrown away once it signed this one). Test workers trust
// the CA through NODE_EXTRA_CA_CERTS (vitest.config.ts).
import { readFile } from "node:fs/promises";
import { repoPath } from "./repo.js";

export const LAB_CA_FILE = repoPath("fixtures", "tls", "lab-ca.pem");

export async function labTls(): Promise<{ cert: string; key: string }> {
  const [cert, key] = await Promise.all([
    readFile(repoPath("fixtures", "tls", "lab-server.pem"), "utf8"),
    readFile(repoPath("fixtures", "tls", "lab-server.key"), "utf8"),
  ]);
  return { cert, key };
}
