/**
 * The control plane's keys and certificates, made fresh for each run: a CA, the API server's
 * serving certificate for 127.0.0.1, and the service-account signing key pair.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import forge from "node-forge";

export interface Pki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  saPublic: string;
  saPrivate: string;
  /** The administrator's bearer token (group system:masters). */
  token: string;
}

function rsa(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

function certificate(
  subject: string,
  publicPem: string,
  signerPem: string,
  issuer: forge.pki.CertificateField[] | undefined,
  ca: boolean,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const attrs = [{ name: "commonName", value: subject }];
  cert.setSubject(attrs);
  cert.setIssuer(issuer ?? attrs);
  cert.setExtensions(
    ca
      ? [
          { name: "basicConstraints", cA: true },
          { name: "keyUsage", keyCertSign: true, digitalSignature: true },
        ]
      : [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
          { name: "extKeyUsage", serverAuth: true },
          {
            name: "subjectAltName",
            altNames: [
              { type: 7, ip: "127.0.0.1" },
              { type: 2, value: "localhost" },
            ],
          },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(signerPem), forge.md.sha256.create());
  return cert;
}

/** Makes the keys and certificates and writes them to `dir`: file name -> path. */
export function writePki(dir: string): { pki: Pki; files: Record<string, string> } {
  const caKeys = rsa();
  const ca = certificate(
    "okta-pomerium-real-ca",
    caKeys.publicKey,
    caKeys.privateKey,
    undefined,
    true,
  );
  const serverKeys = rsa();
  const server = certificate(
    "kube-apiserver",
    serverKeys.publicKey,
    caKeys.privateKey,
    ca.subject.attributes,
    false,
  );
  const sa = rsa();
  const pki: Pki = {
    caCert: forge.pki.certificateToPem(ca),
    serverCert: forge.pki.certificateToPem(server),
    serverKey: serverKeys.privateKey,
    saPublic: sa.publicKey,
    saPrivate: sa.privateKey,
    token: randomBytes(24).toString("hex"),
  };
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries({
    "ca.crt": pki.caCert,
    "server.crt": pki.serverCert,
    "server.key": pki.serverKey,
    "sa.pub": pki.saPublic,
    "sa.key": pki.saPrivate,
    "tokens.csv": `${pki.token},admin,admin-uid,"system:masters"\n`,
  })) {
    files[name] = path.join(dir, name);
    writeFileSync(files[name], text, { mode: 0o600 });
  }
  return { pki, files };
}
