// The GUI's plan file: File > Open Plan / Save Plan (main/app/menu.ts, main/ipc/handlers/plan-handlers.ts,
// renderer/src/steps/plan/plan-file-*).

/** The menu items (`menu.plan.*`). */
export const planUiMenu = {
  open: 'Open Plan…',
  save: 'Save Plan…',
} as const

/** The window's texts (`gui.planFile.*`, default namespace there) and the native dialogs' titles. */
export const planUiGui = {
  openTitle: 'Open a plan file',
  saveTitle: 'Save the plan file',
  filterName: 'Registry Wizard plan (YAML)',
  opened: 'Plan opened from {{path}}.',
  saved: 'Plan saved to {{path}}.',
  openFailed: 'The plan file could not be opened',
  saveFailed: 'The plan could not be saved',
  dismiss: 'Dismiss',
  kept: 'The plan file also holds {{sections}}: they are kept as they are when you save.',
} as const
