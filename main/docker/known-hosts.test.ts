import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import {
  knownHostsName,
  lookupHostKey,
  parseKnownHosts,
  patternsMatch,
  readKnownHosts,
  sha256Fingerprint,
} from './known-hosts'
import { parseHostKeyFingerprint, preferredHostKeyAlgorithms, verifyHostKey } from './ssh-host-key'

const run = promisify(execFile)
let dir: string
const keys: Record<string, { line: string; blob: Buffer; fp: string }> = {}

/** A real key made by ssh-keygen: its .pub line, wire blob and the fingerprint ssh-keygen prints. */
async function makeKey(name: string, type: string): Promise<void> {
  const file = join(dir, name)
  await run('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file])
  const line = (await readFile(`${file}.pub`, 'utf8')).trim()
  const { stdout } = await run('ssh-keygen', ['-lf', `${file}.pub`])
  keys[name] = { line, blob: Buffer.from(line.split(' ')[1] ?? '', 'base64'), fp: stdout.split(' ')[1] ?? '' }
}

const entry = (hosts: string, key: string, marker = ''): string =>
  `${marker}${marker ? ' ' : ''}${hosts} ${keys[key]?.line.split(' ').slice(0, 2).join(' ') ?? ''}`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rw-reg-kh-'))
  await makeKey('a', 'ed25519')
  await makeKey('b', 'ed25519')
  await makeKey('r', 'rsa')
  await makeKey('e', 'ecdsa')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('known_hosts', () => {
  it('fingerprints like ssh-keygen -lf', () => {
    for (const k of Object.values(keys)) expect(sha256Fingerprint(k.blob)).toBe(k.fp)
  })

  it('names: host on 22, [host]:port otherwise', () => {
    expect(knownHostsName('reg.lan', 22)).toBe('reg.lan')
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222')
    // IPv6: bare on port 22, bracketed once otherwise (as ssh-keyscan writes it), whether given bracketed or not.
    expect(knownHostsName('fd00::5', 22)).toBe('fd00::5')
    expect(knownHostsName('[fd00::5]', 22)).toBe('fd00::5')
    expect(knownHostsName('fd00::5', 2222)).toBe('[fd00::5]:2222')
    expect(knownHostsName('[fd00::5]', 2222)).toBe('[fd00::5]:2222')
  })

  it('patterns: lists, wildcards, negation, case', () => {
    expect(patternsMatch('reg.lan,10.0.0.5', '10.0.0.5')).toBe(true)
    expect(patternsMatch('*.lan', 'REG.lan')).toBe(true)
    expect(patternsMatch('10.0.0.?', '10.0.0.50')).toBe(false)
    expect(patternsMatch('*.lan,!evil.lan', 'evil.lan')).toBe(false)
    expect(patternsMatch('reg.lan', '[reg.lan]:2222')).toBe(false)
    expect(patternsMatch('[reg.lan]:2222', '[reg.lan]:2222')).toBe(true)
  })

  it('hashed entries written by ssh-keygen -H match their host and port, and nothing else', async () => {
    const file = join(dir, 'hashed')
    await writeFile(file, `${entry('[10.0.0.5]:2222', 'a')}\n${entry('reg.lan', 'r')}\n`)
    await run('ssh-keygen', ['-H', '-f', file])
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('10.0.0.5')
    const entries = await readKnownHosts([file, join(dir, 'missing')])
    expect(entries.every((e) => e.patterns.startsWith('|1|'))).toBe(true)
    expect(lookupHostKey(entries, '[10.0.0.5]:2222', keys.a?.blob ?? Buffer.alloc(0)).status).toBe('known')
    expect(lookupHostKey(entries, '10.0.0.5', keys.a?.blob ?? Buffer.alloc(0)).status).toBe('unknown')
    expect(lookupHostKey(entries, 'reg.lan', keys.r?.blob ?? Buffer.alloc(0)).status).toBe('known')
  })

  it('known, changed (same type, other key), unknown with other types, revoked; comments and junk skipped', () => {
    const text = [
      '# comment',
      '',
      'garbage line',
      entry('reg.lan', 'a'),
      entry('reg.lan', 'e'),
      entry('*', 'b', '@cert-authority'),
      entry('old.lan', 'b'),
      entry('*', 'r', '@revoked'),
      entry('other.lan', 'r'),
    ].join('\n')
    const entries = parseKnownHosts(text, 'kh')
    expect(entries).toHaveLength(6)
    const a = keys.a?.blob ?? Buffer.alloc(0)
    const b = keys.b?.blob ?? Buffer.alloc(0)
    const r = keys.r?.blob ?? Buffer.alloc(0)
    expect(lookupHostKey(entries, 'reg.lan', a)).toMatchObject({ status: 'known', entry: { line: 4 } })
    expect(lookupHostKey(entries, 'reg.lan', b)).toMatchObject({ status: 'changed', entries: [{ line: 4 }] })
    expect(lookupHostKey(entries, 'old.lan', a)).toMatchObject({ status: 'changed' })
    expect(lookupHostKey(entries, 'new.lan', a)).toEqual({ status: 'unknown', otherTypes: [] })
    expect(lookupHostKey(parseKnownHosts(entry('reg.lan', 'e')), 'reg.lan', a)).toEqual({
      status: 'unknown',
      otherTypes: ['ecdsa-sha2-nistp256'],
    })
    expect(lookupHostKey(entries, 'other.lan', r)).toMatchObject({ status: 'revoked', entry: { line: 8 } })
  })
})

describe('host key verification', () => {
  const policy = (files: string[], fingerprint?: string): Parameters<typeof verifyHostKey>[0] => ({
    display: 'ssh://root@reg.lan:2222',
    host: 'reg.lan',
    port: 2222,
    knownHostsFiles: files,
    fingerprint,
  })

  it('unknown: the plain reason with the fingerprint and how to accept it', async () => {
    const e = await verifyHostKey(policy([join(dir, 'none')]), keys.a?.blob ?? Buffer.alloc(0))
    expect(e).toBeInstanceOf(AppError)
    expect(e?.code).toBe('ENGINE_SSH_HOST_UNKNOWN')
    expect(e?.message).toBe(
      `Cannot reach the Docker engine at ssh://root@reg.lan:2222: the SSH host key of [reg.lan]:2222 is not known (server offered ED25519 key ${keys.a?.fp ?? ''})`,
    )
    expect(e?.hint).toContain('ssh-keyscan -p 2222 reg.lan >> ~/.ssh/known_hosts')
    expect(e?.hint).toContain(`--ssh-host-key-fingerprint ${keys.a?.fp ?? ''}`)
  })

  it('changed: loud, names the file and line and both fingerprints', async () => {
    const file = join(dir, 'changed')
    await writeFile(file, `${entry('[reg.lan]:2222', 'a')}\n`)
    const e = await verifyHostKey(policy([file]), keys.b?.blob ?? Buffer.alloc(0))
    expect(e?.code).toBe('ENGINE_SSH_HOST_CHANGED')
    expect(e?.message).toContain('WARNING, THE SSH HOST KEY OF [reg.lan]:2222 HAS CHANGED')
    expect(e?.message).toContain(
      `offered ED25519 key ${keys.b?.fp ?? ''}, but ${file}:1 holds ${keys.a?.fp ?? ''}`,
    )
    expect(e?.message).toContain('man-in-the-middle')
    expect(await verifyHostKey(policy([file]), keys.a?.blob ?? Buffer.alloc(0))).toBeUndefined()
  })

  it('a pinned fingerprint replaces known_hosts; the pin is checked for form', async () => {
    const a = keys.a?.blob ?? Buffer.alloc(0)
    expect(await verifyHostKey(policy([], keys.a?.fp), a)).toBeUndefined()
    expect((await verifyHostKey(policy([], keys.b?.fp), a))?.message).toContain(
      `does not match the pinned fingerprint: the server offered ${keys.a?.fp ?? ''}`,
    )
    expect(parseHostKeyFingerprint(`${keys.a?.fp ?? ''}=`)).toBe(keys.a?.fp)
    expect(() => parseHostKeyFingerprint('MD5:aa:bb')).toThrow(
      'sshHostKeyFingerprint: "MD5:aa:bb" is not valid; allowed: SHA256:<43 base64 characters>',
    )
  })

  it('offers the host key types known for the host first', async () => {
    const file = join(dir, 'rsa-only')
    await writeFile(file, `${entry('[reg.lan]:2222', 'r')}\n`)
    expect((await preferredHostKeyAlgorithms(policy([file]))).slice(0, 3)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
    ])
    expect((await preferredHostKeyAlgorithms(policy([])))[0]).toBe('ssh-ed25519')
  })
})
