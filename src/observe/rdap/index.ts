// The RDAP observer's public surface.
export {
  findRdapService,
  loadRdapBootstrapFile,
  parseRdapBootstrap,
  type RdapBootstrap,
  type RdapBootstrapResult,
  type RdapServiceMatch,
} from "./bootstrap.js";
export { parseRdapDomain, type RdapDomainData, type RdapDomainParse } from "./domain-object.js";
export {
  createRdapObserver,
  type RdapClock,
  type RdapObserver,
  type RdapObserverOptions,
  type RdapObserverStats,
} from "./observer.js";
export type * from "./types.js";
