import { describe, expect, it } from 'vitest'
import { passphraseStrength } from './passphrase-strength'

describe('passphraseStrength', () => {
  it('grades from none to strong', () => {
    expect(passphraseStrength('').strength).toBe('none')
    expect(passphraseStrength('1234').strength).toBe('weak')
    expect(passphraseStrength('aaaaaaaaaaaaaaaa').strength).toBe('weak')
    expect(passphraseStrength('Harbor-Lights').strength).toBe('good')
    expect(passphraseStrength('correct horse battery staple 42!').strength).toBe('strong')
  })
})
