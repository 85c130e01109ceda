// What `images import|export` print on stderr while they run: on a terminal one line rewritten in place (the blob
// being sent and the total with bytes/s); otherwise only a line per image, so logs stay short. None with --json.
import { formatBytes } from '../../images/format-bytes'
import type { TransferProgress } from '../../images/index'
import type { CommandContext } from '../context'

/** The step keys that name one image (import: tagged; export: its manifest read). */
const PER_IMAGE = /\.(tag|resolve)$/

export interface ProgressPrinter {
  print: (p: TransferProgress) => void
  /** Ends the status line (a terminal's last rewritten line gets its line end). */
  end: () => void
}

export function progressPrinter(ctx: CommandContext, now: () => number = Date.now): ProgressPrinter {
  return ctx.io.stderrTTY === true ? terminalPrinter(ctx, now) : linePrinter(ctx)
}

function linePrinter(ctx: CommandContext): ProgressPrinter {
  let last = ''
  return {
    print: (p) => {
      if (p.blob !== undefined || !PER_IMAGE.test(p.message.key)) return
      const line = ctx.tr.render(p.message)
      if (line !== last) ctx.io.stderr(`${line}\n`)
      last = line
    },
    end: () => undefined,
  }
}

/** The status line: `sha256:0123456789ab 1.2 MiB/4.0 MiB  total 10.0 MiB of 40.0 MiB (25%), 12.0 MiB/s`. */
export function statusLine(ctx: CommandContext, p: TransferProgress): string {
  const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100
  const total = ctx.tr.text('cli.images.progress.total', {
    done: formatBytes(p.done),
    total: formatBytes(p.total),
    percent,
    rate: formatBytes(p.bytesPerSecond),
  })
  if (p.blob === undefined) return `${ctx.tr.render(p.message)}  ${total}`
  const blob = ctx.tr.text('cli.images.progress.blob', {
    blob: p.blob.digest.slice(0, 19),
    done: formatBytes(p.blob.done),
    size: formatBytes(p.blob.size),
  })
  return `${blob}  ${total}`
}

function terminalPrinter(ctx: CommandContext, now: () => number): ProgressPrinter {
  let shown = false
  let lastAt = -Infinity
  return {
    print: (p) => {
      const finished = p.blob !== undefined && p.blob.done >= p.blob.size
      if (!finished && now() - lastAt < 100) return
      lastAt = now()
      shown = true
      ctx.io.stderr(`\r\x1b[K${statusLine(ctx, p)}`)
    },
    end: () => {
      if (shown) ctx.io.stderr('\n')
    },
  }
}
