/**
 * Pure: whether a host is a name DNS, Kubernetes and Pomerium all accept (RFC 1123 host names as
 * Kubernetes validates them: `IsDNS1123Subdomain`, and `IsWildcardDNS1123Subdomain` for an Ingress
 * or HTTPRoute host). One validator for every host the program reads.
 */

/** A DNS name is at most 253 characters (RFC 1123 §2.1; Kubernetes `DNS1123SubdomainMaxLength`). */
export const DNS_NAME_MAX = 253;
/** A DNS label is at most 63 characters (RFC 1035 §2.3.4; Kubernetes `DNS1123LabelMaxLength`). */
export const DNS_LABEL_MAX = 63;

export interface HostRules {
  /**
   * `*` as the whole first label (`*.example.com`): where Pomerium matches a wildcard `from` and an
   * Ingress or HTTPRoute carries one. @default false
   */
  wildcard?: boolean;
  /** An IPv4 or bracketed IPv6 literal (an upstream in `to`). @default false */
  ip?: boolean;
  /** The fewest labels the name needs (2: a domain such as `example.com`). @default 1 */
  minLabels?: number;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 literal or a bracketed IPv6 literal (as `URL.hostname` gives them). */
export const isIpLiteral = (host: string): boolean =>
  IPV4.test(host) || /^\[[0-9a-f:.]+\]$/i.test(host);

/**
 * Why `host` is not a valid host name under `rules`, in a user's terms (the fix included), or
 * undefined when it is one. `host` is a bare host, without scheme or port.
 */
export function hostProblem(host: string, rules: HostRules = {}): string | undefined {
  if (host === "") return "has an empty host";
  if (isIpLiteral(host))
    return rules.ip ? undefined : "is an IP address, not a DNS name; use the host's DNS name";
  if (host.length > DNS_NAME_MAX)
    return `has a host of ${host.length} characters; a DNS name has at most ${DNS_NAME_MAX}`;
  const labels = host.split(".");
  const min = rules.minLabels ?? 1;
  if (labels.length < min)
    return `has the host "${host}", which needs at least ${min} labels (e.g. example.com)`;
  for (const [i, label] of labels.entries()) {
    const problem = labelProblem(label, i, rules);
    if (problem) return `has the host "${shorten(host)}": ${problem}`;
  }
  return undefined;
}

function labelProblem(label: string, index: number, rules: HostRules): string | undefined {
  if (label === "")
    return "it has an empty label (two dots in a row, or a dot at the start or end); remove the extra dot";
  if (label.includes("*")) {
    if (!rules.wildcard) return "a wildcard is not allowed here; name one host";
    if (index !== 0 || label !== "*")
      return 'a wildcard is only allowed as the whole first label, as in "*.example.com"';
    return undefined;
  }
  if (label.includes("_"))
    return `the label "${label}" contains "_", which DNS host names and Kubernetes refuse; use "-" instead`;
  if (label.length > DNS_LABEL_MAX)
    return `the label "${shorten(label)}" is ${label.length} characters; a DNS label has at most ${DNS_LABEL_MAX}`;
  if (/[A-Z]/.test(label))
    return `the label "${label}" has upper-case letters; write it in lower case`;
  if (!LABEL.test(label))
    return `the label "${label}" must be letters, digits and "-", starting and ending with a letter or digit`;
  return undefined;
}

const shorten = (s: string) => (s.length > 72 ? `${s.slice(0, 69)}...` : s);

/**
 * The host part of an absolute URL as written (the WHATWG parser lower-cases and keeps `_` and
 * empty labels, so its `hostname` is checked, not re-parsed). Undefined when it does not parse.
 */
export function urlHost(value: string): { host: string; port?: number } | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return undefined;
  }
  return { host: u.hostname, ...(u.port !== "" ? { port: Number(u.port) } : {}) };
}
