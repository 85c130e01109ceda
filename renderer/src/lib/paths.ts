/** Joins path parts with the separator the base path already uses (main gives us OS paths). */
export function joinPath(base: string, ...parts: string[]): string {
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/'
  return [base.replace(/[\\/]+$/, ''), ...parts].join(sep)
}

/** A folder name for a host:port that is valid on every OS (no colon). */
export function hostFolder(host: string, port: string | number): string {
  return `${host.replace(/[^A-Za-z0-9.-]/g, '_')}_${port}`
}
