export interface FileEntry {
  name: string
  content: string | Buffer
  /** 0o600 for keys, 0o644 for certificates. */
  mode: number
}

/** Packs in-memory files into a tar (owner root) for the engine's putArchive. */
export async function packFiles(files: FileEntry[]): Promise<Buffer> {
  // archiver loads on first use: a command that packs nothing (a kept registry, a status) does not wait for it.
  const { TarArchive } = await import('archiver')
  const archive = new TarArchive()
  const chunks: Buffer[] = []
  archive.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', () => {
      resolve()
    })
    archive.on('error', reject)
  })
  for (const f of files)
    archive.append(typeof f.content === 'string' ? Buffer.from(f.content) : f.content, {
      name: f.name,
      mode: f.mode,
    })
  await archive.finalize()
  await done
  return Buffer.concat(chunks)
}
