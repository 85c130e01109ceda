// A command run inside a container through the Engine API (`POST /containers/{id}/exec`): works on local and remote
// engines alike (tcp://, ssh://), no docker CLI needed.
import { PassThrough } from 'node:stream'
import { engineCallFailed, type Engine } from '../docker/index'
import { message } from '../messages/index'

export interface ExecResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs `cmd` in the running container `name` and waits for it: its exit code and both outputs, whole. */
export async function execInContainer(
  engine: Engine,
  name: string,
  cmd: readonly string[],
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void,
): Promise<ExecResult> {
  const action = message('manage.action.exec', { name, command: cmd.join(' ') })
  try {
    const container = engine.docker.getContainer(name)
    const exec = await container.exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true })
    const stream = await exec.start({ hijack: true, stdin: false })
    const out = collector('stdout', onLine)
    const err = collector('stderr', onLine)
    engine.docker.modem.demuxStream(stream, out.sink, err.sink)
    await new Promise<void>((resolve, reject) => {
      stream.on('end', resolve)
      stream.on('close', resolve)
      stream.on('error', reject)
    })
    const info = await exec.inspect()
    return { exitCode: info.ExitCode ?? -1, stdout: out.text(), stderr: err.text() }
  } catch (e) {
    throw engineCallFailed(action, e)
  }
}

/** A sink that keeps what is written and hands each whole line to `onLine`. */
function collector(
  kind: 'stdout' | 'stderr',
  onLine: ((line: string, stream: 'stdout' | 'stderr') => void) | undefined,
): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough()
  const chunks: Buffer[] = []
  let pending = ''
  sink.on('data', (c: Buffer) => {
    chunks.push(c)
    if (onLine === undefined) return
    pending += c.toString('utf8')
    let nl: number
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl), kind)
      pending = pending.slice(nl + 1)
    }
  })
  return {
    sink,
    text: () => {
      if (onLine !== undefined && pending !== '') onLine(pending, kind)
      pending = ''
      return Buffer.concat(chunks).toString('utf8')
    },
  }
}
