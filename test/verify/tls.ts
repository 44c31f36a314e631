// A throwaway certificate authority for the loopback servers: an RSA CA and a leaf for 127.0.0.1,
// made fresh in every test process (keys by Node's crypto, the X.509 structure by node-forge, the
// signatures by Node's crypto again: forge's pure-JS RSA is ten times slower). The CA's PEM goes
// to a temporary file for NODE_EXTRA_CA_CERTS, so the checker trusts it as Node trusts any CA.
import { generateKeyPair, KeyObject, sign } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import forge from "node-forge";

export interface TestCa {
  /** PEM of the CA certificate. */
  caPem: string;
  /** A file holding caPem, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** Certificate and key of 127.0.0.1 (an IP SAN), for https.createServer. */
  cert: string;
  key: string;
}

const rsa = () =>
  promisify(generateKeyPair)("rsa", { modulusLength: 2048 }) as Promise<{
    publicKey: KeyObject;
    privateKey: KeyObject;
  }>;

function certificate(
  subject: string,
  publicKey: KeyObject,
  signer: KeyObject,
  serial: string,
  extensions: object[],
): string {
  const c = forge.pki.createCertificate();
  c.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: "spki", format: "pem" }) as string,
  );
  c.serialNumber = serial;
  c.validity.notBefore = new Date(Date.now() - 60_000);
  c.validity.notAfter = new Date(Date.now() + 3_600_000);
  c.setSubject([{ name: "commonName", value: subject }]);
  c.setIssuer([{ name: "commonName", value: "okta-pomerium verify test CA" }]);
  c.setExtensions(extensions);
  c.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  c.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  // Untyped in @types/node-forge; x509.js exports it (it is what `Certificate.sign` calls).
  const pki = forge.pki as typeof forge.pki & {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = pki.getTBSCertificate(c);
  c.tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), "binary");
  c.signature = sign("sha256", der, signer).toString("binary");
  return forge.pki.certificateToPem(c);
}

export async function makeTestCa(): Promise<TestCa> {
  // One key pair for the CA and the leaf: a throwaway CA signs one certificate, and each RSA key
  // generation costs hundreds of milliseconds on a loaded machine.
  const ca = await rsa();
  const leaf = ca;
  const caPem = certificate("okta-pomerium verify test CA", ca.publicKey, ca.privateKey, "01", [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const cert = certificate("127.0.0.1", leaf.publicKey, ca.privateKey, "02", [
    { name: "basicConstraints", cA: false },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
  ]);
  const caFile = path.join(mkdtempSync(path.join(tmpdir(), "okta-pomerium-verify-")), "ca.pem");
  writeFileSync(caFile, caPem);
  const key = leaf.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  return { caPem, caFile, cert, key };
}
