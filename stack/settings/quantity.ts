/**
 * Kubernetes quantities in canonical form ("0.5" -> "500m", "1000m" -> "1", "1024Mi" -> "1Gi"), the
 * form the API server writes back, so a setting never reads as a change on the next run.
 */
const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const DECIMAL = ["m", "", "k", "M", "G", "T", "P", "E"]; // each 1000x the previous

export function canonicalQuantity(q: string): string {
  const m = q.match(/^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/);
  if (!m) return q;
  const [, num, suffix = ""] = m;
  if (suffix.endsWith("i")) {
    let units = Number(num) * 1024 ** BINARY.indexOf(suffix);
    if (!Number.isSafeInteger(units)) return q;
    let i = 0;
    while (i < BINARY.length - 1 && units !== 0 && units % 1024 === 0) {
      units /= 1024;
      i++;
    }
    return `${units}${BINARY[i]}`;
  }
  // In thousandths of the unit; rounded to absorb binary floating point ("0.1" * 1000).
  const exact = Number(num) * 1000 ** DECIMAL.indexOf(suffix);
  let milli = Math.round(exact);
  if (Math.abs(exact - milli) > 1e-6 || !Number.isSafeInteger(milli)) return q;
  if (milli === 0) return "0";
  let i = 0;
  while (i < DECIMAL.length - 1 && milli !== 0 && milli % 1000 === 0) {
    milli /= 1000;
    i++;
  }
  return `${milli}${DECIMAL[i]}`;
}
