// The Swarm healthcheck probes (main/cluster/swarm/probe.ts) run for real: the x86-64 one natively, the aarch64 one
// under qemu-aarch64, each inside a private network namespace (`unshare -n`, so 127.0.0.1:5000 is ours alone)
// against the real registry binary over TLS, plain-HTTP servers, a TLS server that is not Go's, and nothing at all.
// The aarch64 words are also checked against what aarch64-linux-gnu-as assembles from the assembly listed beside them.
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { healthProbe } from '../../main/cluster/swarm/index'
import { makeCerts, REPO, run, tempDir } from '../support/rw-reg-fixtures'

const EHDR_PHDR = 64 + 56
let dir: { path: string; cleanup: () => Promise<void> }
let certDir = ''

// Runs in the netns: loopback up, the server in the background, wait until it listens on 5000 (ss: no connection
// made), then both probes; prints `x86_64=N aarch64=N`.
const NETNS_SCRIPT = `
set -u
ip link set lo up
if [ "$1" != none ]; then
  sh -c "$1" >"$2/server.log" 2>&1 &
  for i in $(seq 1 100); do ss -ltnH 'sport = :5000' | grep -q . && break; sleep 0.1; done
fi
timeout 10 "$2/probe-x86_64"; x=$?
timeout 20 qemu-aarch64 "$2/probe-aarch64"; a=$?
echo "x86_64=$x aarch64=$a"
kill %1 2>/dev/null; wait 2>/dev/null
exit 0
`

/** Both probes' exit codes against `server` (a shell command listening on 127.0.0.1:5000, or 'none'). */
async function probesAgainst(server: string): Promise<string> {
  const { stdout } = await run('unshare', ['-n', 'bash', '-c', NETNS_SCRIPT, 'netns', server, dir.path], {
    timeout: 60_000,
  })
  return stdout.trim()
}

/** A Node server on 127.0.0.1:5000 that writes `chunks` (with a pause between them) and closes. */
function nodeServer(chunks: string[]): string {
  const js = `
    const chunks = ${JSON.stringify(chunks)};
    require('net').createServer((s) => {
      s.on('error', () => {}) // the probe closes after 12 bytes: the rest of the answer meets a reset
      s.once('data', async () => {
        for (const c of chunks) { s.write(c); await new Promise((r) => setTimeout(r, 150)) }
        s.end()
      })
    }).listen(5000, '127.0.0.1')`
  return `exec node -e ${shq(js)}`
}

function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`
}

function registryConfig(tls: boolean): string {
  return [
    'version: 0.1',
    'log: { level: error }',
    `storage: { filesystem: { rootdirectory: ${dir.path}/storage } }`,
    'http:',
    '  addr: 127.0.0.1:5000',
    ...(tls ? ['  tls:', `    certificate: ${certDir}/domain.crt`, `    key: ${certDir}/domain.key`] : []),
    '',
  ].join('\n')
}

beforeAll(async () => {
  dir = await tempDir('rw-swarm-probe-')
  certDir = (await makeCerts(dir.path, ['127.0.0.1'])).certDir
  for (const arch of ['x86_64', 'aarch64']) {
    const p = healthProbe(arch)
    if (p === undefined) throw new Error(`no probe for ${arch}`)
    await writeFile(join(dir.path, `probe-${arch}`), p.binary)
    await chmod(join(dir.path, `probe-${arch}`), 0o755)
  }
  await writeFile(join(dir.path, 'tls.yml'), registryConfig(true))
  await writeFile(join(dir.path, 'plain.yml'), registryConfig(false))
}, 60_000)

afterAll(async () => {
  await dir.cleanup()
})

describe('the healthcheck probes, x86-64 and aarch64, in a private netns', () => {
  it('both pass on the real registry binary serving TLS (Go answers plain HTTP with HTTP/1.0 400)', async () => {
    const out = await probesAgainst(`exec docker-registry serve ${dir.path}/tls.yml`)
    expect(out).toBe('x86_64=0 aarch64=0')
  })

  it('both fail on the same registry serving plain HTTP (200)', async () => {
    expect(await probesAgainst(`exec docker-registry serve ${dir.path}/plain.yml`)).toBe('x86_64=1 aarch64=1')
  })

  it('both fail on a plain HTTP server answering 401', async () => {
    const out = await probesAgainst(nodeServer(['HTTP/1.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n']))
    expect(out).toBe('x86_64=1 aarch64=1')
  })

  it('both fail with nothing listening', async () => {
    expect(await probesAgainst('none')).toBe('x86_64=1 aarch64=1')
  })

  it('both fail on a TLS server that is not Go (openssl s_server closes without an HTTP answer)', async () => {
    const server = `exec openssl s_server -quiet -accept 127.0.0.1:5000 -cert ${certDir}/domain.crt -key ${certDir}/domain.key`
    expect(await probesAgainst(server)).toBe('x86_64=1 aarch64=1')
  })

  it('both read an answer that arrives in pieces, and fail on one that ends before 12 bytes', async () => {
    expect(await probesAgainst(nodeServer(['HTTP/1', '.0 4', '00 Bad Request\r\n\r\n']))).toBe(
      'x86_64=0 aarch64=0',
    )
    expect(await probesAgainst(nodeServer(['HTTP/1.0 40']))).toBe('x86_64=1 aarch64=1')
  })
})

describe('the aarch64 probe', () => {
  it('is an EM_AARCH64 static executable whose words are what aarch64-linux-gnu-as makes of the listed assembly', async () => {
    const binary = healthProbe('arm64')?.binary ?? Buffer.alloc(0)
    expect(binary.readUInt16LE(18)).toBe(183)
    expect(healthProbe('arm64')?.constraint).toBe('node.platform.arch==aarch64')
    const source = await readFile(join(REPO, 'main/cluster/swarm/probe.ts'), 'utf8')
    const block = /const AARCH64_WORDS = \[\n([\s\S]*?)\n\]/.exec(source)?.[1] ?? ''
    const lines = block
      .split('\n')
      .map((l) => /^\s*0x[0-9a-f]{8}, \/\/\s*(?:(\w+):)?\s*([^;]+?)\s*(?:;.*)?$/.exec(l))
    expect(lines.length).toBeGreaterThan(30)
    const asm = lines.map((m) => {
      if (m === null)
        throw new Error('a line of AARCH64_WORDS is not `0xWORD, // [label:] instruction [; comment]`')
      return `${m[1] === undefined ? '' : `${m[1]}:`} ${m[2] ?? ''}`
    })
    const data = [
      'addr: .byte 2, 0, 0x13, 0x88, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0',
      'http: .ascii "HTTP/1.0"',
      's400: .ascii " 400"',
      'req: .ascii "GET /v2/ HTTP/1.0\\r\\n\\r\\n"',
    ]
    await writeFile(join(dir.path, 'probe.s'), [...asm, ...data, ''].join('\n'))
    await run('aarch64-linux-gnu-as', ['-o', join(dir.path, 'probe.o'), join(dir.path, 'probe.s')])
    const bin = join(dir.path, 'probe.bin')
    await run('aarch64-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', join(dir.path, 'probe.o'), bin])
    const assembled = await readFile(bin)
    expect(binary.subarray(EHDR_PHDR).toString('hex')).toBe(assembled.toString('hex'))
  })
})
