// What the CLI starts before its commands load (main/cli/early-start.ts runs it first thing). Light on purpose: the
// key types and the key generation (node:crypto, taken only when a key is made), nothing else.
import { generateKey } from '../pki/keygen'
import { DEFAULT_KEY_TYPE, KEY_TYPES, type KeyType } from '../pki/key-types'
import type { EarlyWork } from './commands/cert'

/** An option's value as commander reads it (`--name V` or `--name=V`, the last one wins); the index after it. */
function optionValue(argv: readonly string[], i: number, name: string): [string | undefined, number] {
  const a = argv[i] as string
  if (a === name) return [argv[i + 1], i + 1]
  return a.startsWith(`${name}=`) ? [a.slice(name.length + 1), i] : [undefined, i]
}

/**
 * The key type `cert issue` will use, read from the command line as commander will (`--key-type T`, `--key-size N`
 * meaning rsa-N, `=` forms, the last one wins, ECDSA P-256 by default), or undefined when the command line is not a
 * `cert issue` run (or asks for help, or names a type the command will refuse, or both options disagree).
 */
export function issueKeyType(argv: readonly string[]): KeyType | undefined {
  // The global --lang may come first (`--lang zh-CN cert issue ...`).
  const words = argv[0] === '--lang' ? argv.slice(2) : argv[0]?.startsWith('--lang=') ? argv.slice(1) : argv
  if (words[0] !== 'cert' || words[1] !== 'issue') return undefined
  let type: string | undefined
  let size: string | undefined
  for (let i = 2; i < words.length; i++) {
    const a = words[i] as string
    if (a === '--') break
    if (a === '--help' || a === '-h') return undefined
    const [t, afterType] = optionValue(words, i, '--key-type')
    const [s, afterSize] = optionValue(words, i, '--key-size')
    if (t !== undefined) [type, i] = [t, afterType]
    else if (s !== undefined) [size, i] = [`rsa-${s}`, afterSize]
  }
  if (type !== undefined && size !== undefined && type !== size) return undefined
  return KEY_TYPES.find((k) => k === (type ?? size ?? DEFAULT_KEY_TYPE))
}

/**
 * Work started before the command's code loads. `cert issue` with an RSA key spends most of its time generating it,
 * so the key generation starts now, on the thread pool, while the catalogue, commander and the command group load
 * and the CA is read; the command uses the key when it has the type the command settles on, and otherwise drops it
 * (never written, never logged). A failure resolves to undefined: the command then generates its own key and
 * reports any error itself.
 */
export function startEarlyWork(argv: readonly string[]): EarlyWork {
  const type = issueKeyType(argv)
  if (type === undefined) return {}
  try {
    return { issueKey: generateKey(type).catch(() => undefined) }
  } catch {
    return {}
  }
}
