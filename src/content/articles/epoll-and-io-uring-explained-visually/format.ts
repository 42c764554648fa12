/** Number formats the figures share: counts with separators, compact rates, bytes in binary units. */

/** 12,345 */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 0.1%, 5%, 100% */
export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct < 1 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** 950, 12k, 3.4M, 1.2G: short enough for a bar label. */
export function formatCompact(n: number): string {
  const units = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const;
  for (const [size, suffix] of units) {
    if (n >= size) {
      const v = n / size;
      return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)}${suffix}`;
    }
  }
  return n < 10 && n % 1 !== 0 ? n.toFixed(2) : String(Math.round(n));
}

/** 24 KiB, 2.3 GiB */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)} ${units[i]}`;
}
