// Child process for tests/pki/ca-create-kill.test.ts: runs createCaDir (or importCaDir) and, at the step named on the
// command line, prints "STEP <name>" and waits to be killed with SIGKILL.
//   node --import tsx tests/pki/kill-ca-create.ts DIR STEP [force]
import { createCaDir } from '../../main/pki'

const [dir, stopAt, force] = process.argv.slice(2)
if (dir === undefined || stopAt === undefined) throw new Error('usage: kill-ca-create.ts DIR STEP [force]')
await createCaDir(
  dir,
  { subject: { cn: `Kill test ${stopAt}` }, keySize: 2048 },
  {
    force: force === 'force',
    onStep: async (step) => {
      if (step !== stopAt) return
      process.stdout.write(`STEP ${step}\n`)
      await new Promise((r) => setTimeout(r, 120_000))
    },
  },
)
process.stdout.write('DONE\n')
