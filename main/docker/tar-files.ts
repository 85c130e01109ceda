// In-memory files packed into a tar (owner root) for the engine's putArchive and for the self-test image's layer.
// tar-stream is loaded on first use: it is off the start path of every command that never packs a file.
export interface FileEntry {
  name: string
  content: string | Buffer
  /** 0o600 for keys, 0o644 for certificates. */
  mode: number
}

/** The tar of `files` (regular files, uid/gid 0, `mtime` for every entry), as one Buffer. */
export async function packFiles(files: FileEntry[], mtime = new Date()): Promise<Buffer> {
  const { pack } = await import('tar-stream')
  const p = pack()
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    p.on('data', (c: unknown) => chunks.push(c as Buffer))
    p.on('end', () => resolve(Buffer.concat(chunks)))
    p.on('error', reject)
  })
  for (const f of files) {
    const content = typeof f.content === 'string' ? Buffer.from(f.content) : f.content
    p.entry(
      {
        name: f.name,
        size: content.length,
        mode: f.mode,
        mtime,
        uid: 0,
        gid: 0,
        uname: 'root',
        gname: 'root',
      },
      content,
    )
  }
  p.finalize()
  return done
}
