import { readFileSync } from 'node:fs'
import { createServer, get, type Server } from 'node:https'
import type { LookupAddress, LookupOptions } from 'node:dns'
import type { AddressInfo, LookupFunction } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaDir, issueToDir } from '../../main/pki'
import { makeTmpDir } from '../support/fs-snapshot'

// A real TLS handshake: a Node HTTPS server with domain.crt / domain.key, a client that trusts only ca.crt.
describe('TLS with our certificates', () => {
  const dir = makeTmpDir()
  const servers: Server[] = []
  let ca = ''
  let otherCa = ''
  const ports: Record<string, number> = {}

  async function listen(host: string): Promise<number> {
    const server = createServer(
      { cert: readFileSync(join(dir, 'srv/domain.crt')), key: readFileSync(join(dir, 'srv/domain.key')) },
      (_req, res) => res.end('ok'),
    )
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, host, resolve))
    return (server.address() as AddressInfo).port
  }

  beforeAll(async () => {
    await createCaDir(join(dir, 'ca'), { subject: { cn: 'TLS Test CA' }, keySize: 2048 })
    await createCaDir(join(dir, 'other'), { subject: { cn: 'Other CA' }, keySize: 2048 })
    await issueToDir({
      caDir: join(dir, 'ca'),
      outDir: join(dir, 'srv'),
      sans: ['127.0.0.1', '::1', 'registry.test', '*.wild.test'],
    })
    ca = readFileSync(join(dir, 'ca/ca.crt'), 'utf8')
    otherCa = readFileSync(join(dir, 'other/ca.crt'), 'utf8')
    ports['127.0.0.1'] = await listen('127.0.0.1')
    ports['::1'] = await listen('::1')
    ports['127.0.0.2'] = await listen('127.0.0.2')
  })

  afterAll(() => {
    for (const s of servers) s.close()
  })

  /** A DNS lookup that answers every name with one address (Node asks for all when it races IPv4/IPv6). */
  function fixedLookup(ip: string): LookupFunction {
    const family = ip.includes(':') ? 6 : 4
    return (
      _host: string,
      options: LookupOptions,
      cb: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      if (options.all) cb(null, [{ address: ip, family }])
      else cb(null, ip, family)
    }
  }

  /** Connects to `name` (an IP, or a DNS name resolved to `ip` by a custom lookup) trusting only `trust`. */
  function connect(name: string, ip: string, trust: string): Promise<string> {
    const isName = !/^[\d.]+$|:/.test(name)
    return new Promise((resolve, reject) => {
      const req = get(
        {
          host: name,
          port: ports[ip],
          path: '/',
          ca: trust,
          servername: isName ? name : undefined,
          lookup: isName ? fixedLookup(ip) : undefined,
          agent: false,
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(String(res.statusCode)))
        },
      )
      req.on('error', (err: NodeJS.ErrnoException) => reject(new Error(err.code ?? err.message)))
    })
  }

  it('connects by each IP SAN', async () => {
    await expect(connect('127.0.0.1', '127.0.0.1', ca)).resolves.toBe('200')
    await expect(connect('::1', '::1', ca)).resolves.toBe('200')
  })

  it('connects by each DNS SAN, and by a name under the wildcard', async () => {
    await expect(connect('registry.test', '127.0.0.1', ca)).resolves.toBe('200')
    await expect(connect('pull.wild.test', '127.0.0.1', ca)).resolves.toBe('200')
  })

  it('is refused for names and addresses the certificate does not cover', async () => {
    await expect(connect('other.test', '127.0.0.1', ca)).rejects.toThrow('ERR_TLS_CERT_ALTNAME_INVALID')
    await expect(connect('a.b.wild.test', '127.0.0.1', ca)).rejects.toThrow('ERR_TLS_CERT_ALTNAME_INVALID')
    await expect(connect('wild.test', '127.0.0.1', ca)).rejects.toThrow('ERR_TLS_CERT_ALTNAME_INVALID')
    await expect(connect('127.0.0.2', '127.0.0.2', ca)).rejects.toThrow('ERR_TLS_CERT_ALTNAME_INVALID')
  })

  it('is refused by a client that trusts another CA', async () => {
    await expect(connect('127.0.0.1', '127.0.0.1', otherCa)).rejects.toThrow(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    )
  })
})
