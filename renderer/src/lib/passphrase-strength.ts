export type Strength = 'none' | 'weak' | 'fair' | 'good' | 'strong'

/**
 * A rough strength estimate shown while typing a CA passphrase: length and character variety, with common
 * patterns (one repeated character, a run like 1234 or abcd) penalised. Guides the user, decides nothing.
 */
export function passphraseStrength(p: string): { strength: Strength; score: number } {
  if (p.length === 0) return { strength: 'none', score: 0 }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length
  const unique = new Set(p).size
  // 0.6: people pick words, not random characters.
  let bits = 0.6 * p.length * Math.log2(Math.max(2, [26, 52, 62, 94][classes - 1] ?? 26))
  if (unique <= 2) bits /= 4
  if (/(0123|1234|2345|3456|4567|5678|6789|abcd|qwer|asdf|password|passw0rd)/i.test(p)) bits /= 2
  const strength: Strength = bits < 28 ? 'weak' : bits < 45 ? 'fair' : bits < 70 ? 'good' : 'strong'
  return { strength, score: Math.min(100, Math.round(bits)) }
}
