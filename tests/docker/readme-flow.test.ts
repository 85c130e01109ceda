// The README's own example, run as written on the registry host (the local engine): ca create, cert issue for the
// runbook's 192.168.20.10 + hub.example.lan, cert inspect, registry start. Only two things differ from the text, so
// parallel suites and a registry already on port 5000 cannot clash: the port (a free one instead of 5000) and a
// container name of this suite. No traffic goes to 192.168.20.10: the check connects to 127.0.0.1.
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  dockerCleanup,
  ensureRegistryImage,
  freePort,
  REPO,
  run,
  runCliIn,
  rwName,
  tempDir,
  trackRegistry,
} from '../support/rw-reg-fixtures'

let root: { path: string; cleanup: () => Promise<void> }
const containers: string[] = []
const volumes: string[] = []

/** Splits a README command line like a POSIX shell would for these simple lines (double quotes, # comments). */
function words(line: string): string[] {
  const out: string[] = []
  for (const m of line.replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? '')
  return out
}

/** The `registry-wizard` lines of the first sh block after `marker` in README.md. */
function readmeBlock(marker: string): string[][] {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8')
  const at = text.indexOf(marker)
  expect(at, marker).toBeGreaterThan(-1)
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at))?.[1] ?? ''
  return block
    .split('\n')
    .filter((l) => l.startsWith('registry-wizard '))
    .map((l) => words(l).slice(1))
}

/** Optional parts `[...]` of a synopsis-style example dropped (what a user types without those options). */
function withoutOptional(argv: string[]): string[] {
  return words(argv.join(' ').replace(/\[[^\]]*\]/g, ''))
}

beforeAll(async () => {
  await ensureRegistryImage()
  root = await tempDir()
  await writeFile(join(root.path, 'ca-pass.txt'), 'correct horse battery staple\n', { mode: 0o600 })
}, 120_000)

afterAll(async () => {
  await dockerCleanup(containers, volumes)
  await root.cleanup()
})

describe("README: the runbook host's example works as written", () => {
  it('ca create, cert issue, cert inspect, registry start: each exits 0; the registry is healthy at 192.168.20.10', async () => {
    const lines = readmeBlock("Example, the runbook's host:")
    expect(lines.map((l) => l.slice(0, 2).join(' '))).toEqual([
      'ca create',
      'cert issue',
      'cert inspect',
      'registry start',
    ])
    const zhStart = readmeBlock('## 简体中文').find((l) => l[0] === 'registry' && l[1] === 'start')
    expect(zhStart && withoutOptional(zhStart)).toEqual(lines[3])
    let port = 0
    let name = ''
    for (const argv of lines) {
      const args = [...argv]
      if (args[0] === 'registry') {
        port = await freePort()
        name = trackRegistry(containers, volumes, rwName('readme'))
        args[args.indexOf('--port') + 1] = String(port)
        args.push('--name', name, '--json')
      }
      const r = await runCliIn(root.path, args)
      expect(r.err, args.join(' ')).not.toMatch(/^error:/m)
      expect(r.code, args.join(' ')).toBe(0)
      if (args[0] === 'registry')
        expect(JSON.parse(r.out)).toMatchObject({ url: `https://192.168.20.10:${port}` })
    }
    const { stdout } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--cacert',
      join(root.path, 'ca/ca.crt'),
      '--connect-to',
      `192.168.20.10:${port}:127.0.0.1:${port}`,
      `https://192.168.20.10:${port}/v2/`,
    ])
    expect(stdout).toBe('200')
    expect((await runCliIn(root.path, ['registry', 'remove', '--name', name, '--delete-data'])).code).toBe(0)
  }, 180_000)
})
