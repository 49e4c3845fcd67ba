// The names of the output formats, apart from the renderers: option parsing needs the names at
// start-up, the renderers only when a report is written.

export const FORMATS = [
  "text",
  "json",
  "markdown",
  "sarif",
  "github",
  "html",
  "openmetrics",
] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}
