// `npm run bench`: prints figures for every speed and size target, each beside its reference in the same run.
import { benchPki } from './pki'

const runs = Number(process.env['BENCH_RUNS'] ?? 20)
process.stdout.write(`Registry Wizard benchmarks (median of ${runs} runs where timed)\n`)
const results: boolean[] = []
results.push(await benchPki(runs))
process.stdout.write(
  results.every(Boolean) ? 'all targets met\n' : 'some targets were missed (see OVER TARGET above)\n',
)
