// Bounds on the work one validation may do. A server chooses what it sends: many keys sharing a key
// tag, thousands of RRSIGs, huge RSA moduli ("KeyTrap", CVE-2023-50387, is this attack on real
// resolvers). Past a bound the rest is not examined and the result says so; nothing is retried.
// Real apex data stays far below every bound: a few keys, a few signatures per RRset.

/** DS records examined from the parent's DS RRset. */
export const MAX_DS_RECORDS = 16;
/** DNSKEY records examined from one server's DNSKEY RRset. */
export const MAX_DNSKEY_RECORDS = 32;
/** Records in one RRset that is canonicalised for a signature check. */
export const MAX_RRSET_RECORDS = 512;
/** RRSIGs examined for one RRset. */
export const MAX_SIGNATURES_PER_RRSET = 16;
/** Keys tried for one RRSIG when several share its key tag and algorithm. */
export const MAX_KEYS_PER_SIGNATURE = 4;
/** DS digests computed for one validation. */
export const MAX_DIGESTS = 64;
/** Public-key signature verifications for one validation. */
export const MAX_VERIFICATIONS = 64;

/** The digests and verifications left to one validation; shared by all its steps. */
export class WorkBudget {
  private digests = MAX_DIGESTS;
  private verifications = MAX_VERIFICATIONS;

  takeDigest(): boolean {
    if (this.digests === 0) return false;
    this.digests--;
    return true;
  }

  takeVerification(): boolean {
    if (this.verifications === 0) return false;
    this.verifications--;
    return true;
  }
}
