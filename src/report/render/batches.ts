// Rendered text is written as it comes, in batches: few system calls, and a large report is never
// one string in memory.

/** Enough to keep system calls few, small beside the report. */
const BATCH_CHARS = 256 * 1024;

/** Joins small chunks into batches of about BATCH_CHARS. */
export function* inBatches(chunks: Iterable<string>): Generator<string> {
  let batch = "";
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch !== "") yield batch;
}
