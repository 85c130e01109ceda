import { create } from 'zustand'

/** The last pull line copied, announced once (a polite live region under the table). */
export const useCopyStore = create<{ line: string | undefined; copied: (line: string) => void }>()((set) => ({
  line: undefined,
  copied: (line) => set({ line }),
}))
