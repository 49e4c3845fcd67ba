import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../../../src/observe/providers/route53/unavailable.js";

describe("redactSecrets", () => {
  const token =
    "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenexampletoken+abc=";
  it("removes key ids, session tokens, signatures and credential scopes", () => {
    const text = `x-amz-security-token:${token}\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/route53/aws4_request, SignedHeaders=host, Signature=${"ab12".repeat(16)} key ASIAY34FZKBOKMUTVV7A secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`;
    const out = redactSecrets(text);
    for (const secret of [
      token,
      "AKIAIOSFODNN7EXAMPLE",
      "ab12ab12ab12",
      "ASIAY34FZKBOKMUTVV7A",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ]) {
      expect(out).not.toContain(secret);
    }
  });

  it("keeps what helps: ARNs, actions, zone ids", () => {
    const text =
      "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: route53:GetHostedZone on resource: arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
    expect(redactSecrets(text)).toBe(text);
  });

  it("bounds the length", () => {
    expect(redactSecrets("word ".repeat(500)).length).toBeLessThanOrEqual(241);
  });
});
