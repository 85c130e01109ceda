let counter = 0

/** A job id the renderer picks for long work; progress events carry it back. */
export function newJobId(kind: string): string {
  counter += 1
  return `${kind}-${Date.now().toString(36)}-${counter}`
}
