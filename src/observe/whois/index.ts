// The WHOIS observer's public surface.
export { WHOIS_FORMATS, type WhoisFormat } from "./formats.js";
export {
  createWhoisObserver,
  type RateLimitedWhoisServer,
  type WhoisClock,
  type WhoisObserver,
  type WhoisObserverOptions,
  type WhoisObserverStats,
} from "./observer.js";
export { readWhoisText, type WhoisData } from "./read-text.js";
export type { HostResolver } from "./resolve-host.js";
export type * from "./types.js";
