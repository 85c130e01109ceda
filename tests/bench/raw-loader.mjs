// `npm run bench` runs the TypeScript sources under tsx, which does not know Vite's `?raw` imports (main/bundle's
// script templates). Registered after tsx, these hooks run before tsx's:
//   node --import tsx --import ./tests/bench/raw-loader.mjs tests/bench/run.ts
import { register } from 'node:module'

register('./raw-hooks.mjs', import.meta.url)
