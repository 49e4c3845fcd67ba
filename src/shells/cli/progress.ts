// A one-line progress display (done/total, rate, ETA) on stderr — only on a terminal, so logs and
// pipes stay clean.
import type { CheckProgress } from "../../check/check.js";

interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const REDRAW_MS = 200;

export function progressReporter(stream: Stream): {
  update: (p: CheckProgress) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update({ done, total }) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = now;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const rate = done / seconds;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      stream.write(`\r\x1b[2Kchecked ${done}/${total} domains, ${rate.toFixed(1)}/s, ETA ${eta}s`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
