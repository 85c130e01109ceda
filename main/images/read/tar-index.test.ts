import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, writeFileSync, statSync, truncateSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { indexTar } from './tar-index'

const longDir = `blobs/${'d'.repeat(90)}/${'e'.repeat(60)}`

/** A tar written by GNU tar (the real peer) in `format`, holding a member with a path over 100 bytes. */
function gnuTar(format: string): { file: string; body: Buffer } {
  const root = mkdtempSync(join(tmpdir(), 'rw-tarindex-'))
  mkdirSync(join(root, 'src', longDir), { recursive: true })
  const body = Buffer.from(`payload for ${format}\n`.repeat(300))
  writeFileSync(join(root, 'src', longDir, 'layer.tar'), body)
  writeFileSync(join(root, 'src', 'manifest.json'), '[]')
  const file = join(root, `${format}.tar`)
  execFileSync('tar', [`--format=${format}`, '-C', join(root, 'src'), '-cf', file, 'manifest.json', 'blobs'])
  return { file, body }
}

async function members(file: string) {
  const fh = await open(file, 'r')
  try {
    return await indexTar(fh, file, statSync(file).size)
  } finally {
    await fh.close()
  }
}

describe('tar index (headers parsed by node-tar, offsets walked here)', () => {
  for (const format of ['gnu', 'pax', 'ustar'])
    it(`finds a long-named member of a GNU tar in ${format} format, at the offset of its bytes`, async () => {
      const { file, body } = gnuTar(format)
      const index = await members(file)
      const m = index.get(`${longDir}/layer.tar`)
      expect(m?.size).toBe(body.length)
      const fh = await open(file, 'r')
      const got = Buffer.alloc(body.length)
      await fh.read(got, 0, body.length, m?.offset ?? 0)
      await fh.close()
      expect(got.equals(body)).toBe(true)
      expect(index.get('manifest.json')?.size).toBe(2)
    })

  it('refuses a tar cut short inside a member', async () => {
    const { file } = gnuTar('pax')
    truncateSync(file, 1500)
    await expect(members(file)).rejects.toMatchObject({ code: 'IMAGES_TAR_TRUNCATED' })
  })
})
