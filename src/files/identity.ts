// Whether two paths name the same file: for refusing to write a report over one of the run's own
// inputs, or the same file for two formats.
import { stat } from "node:fs/promises";
import path from "node:path";
import { realLocation } from "./contained.js";

/**
 * A key equal for two paths exactly when they are the same file: its device and inode when it
 * exists (links, `..` and case-insensitive file systems all resolve), else the real location it
 * would be created at.
 */
export async function fileIdentity(file: string): Promise<string> {
  try {
    const stats = await stat(file);
    return `inode ${stats.dev}:${stats.ino}`;
  } catch {
    return `path ${await realLocation(path.resolve(file))}`;
  }
}
