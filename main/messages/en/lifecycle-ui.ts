// Home's day-2 actions (issue 13): renewing the CA, the two-CA trust bundle for the overlap, moving the registry to
// the new CA (`gui.caRenewal.*`), and the mirror container listed beside the registries (`gui.homeMirror.*`).

export const lifecycleUiErrors = {
  PREVIOUS_CA_NONE: {
    message:
      '{{field}}: {{dir}} holds no previous CA (the ca.crt.bak-… a CA renewal archives, still valid), so no bundle with both CAs can be made from it.',
    hint: 'Renew the CA first, or export the bundle with the one CA.',
  },
} as const

export const lifecycleUiGuiHints = {
  PREVIOUS_CA_NONE: 'Renew the CA on Home (Renew CA) first, or export the bundle in the Client trust step.',
} as const

export const caRenewalGui = {
  overlapTitle: 'After the CA renewal',
  renew: 'Renew CA',
  renewLabel: 'Renew CA {{name}}',
  confirmTitle: 'Renew the CA {{name}}?',
  confirmText:
    'This makes a new CA key and certificate with the same name and keeps the old pair beside them. Until the registry serves a certificate from the new CA, its clients must trust both CAs: a trust bundle with both is offered next.',
  confirm: 'Renew the CA',
  renewing: 'Renewing the CA',
  passphrase: 'Passphrase of the CA key',
  renewed: 'CA {{name}} renewed: the new CA ends on {{notAfter}} (fingerprint {{fingerprint}}).',
  oldCa: 'The old CA (fingerprint {{fingerprint}}) is kept as {{path}} and stays valid until {{until}}.',
  needTitle: 'These still need the new bundle (both CAs) before {{until}}:',
  needClients:
    'Every machine that trusts the old CA: this computer if you trusted the CA here, and each machine you installed its trust bundle on.',
  needRegistry:
    'The registry {{address}}: it still serves a certificate from the old CA. Move it to the new CA once its clients have the bundle.',
  servedByOld:
    'Its certificate comes from the CA that was replaced, valid until {{until}}: clients with only the old CA keep working until then.',
  exportTitle: 'Trust bundle with both CAs',
  exportHelp:
    'Install it on every client before the registry moves to the new CA: they then trust the registry before and after the move.',
  folder: 'Bundle folder',
  export: 'Export the two-CA bundle',
  exporting: 'Writing the bundle',
  exported:
    'Bundle with both CAs written to {{dir}}: the new CA {{fingerprint}}, and the old CA {{previous}} until {{until}}.',
  move: 'Move the registry to the new CA',
  moving: 'Moving the registry to the new CA',
  moved: 'The registry now serves a certificate from the new CA, valid until {{date}}.',
  movedClients: 'A client with only the old CA: {{previousOnly}}. A client with both CAs: {{both}}.',
  client: {
    accepted: 'accepted',
    refused: 'refused',
  },
} as const

export const homeMirrorGui = {
  kind: 'Docker Hub mirror',
  stopLabel: 'Stop the mirror {{name}}',
  restartLabel: 'Restart the mirror {{name}}',
  removeLabel: 'Remove the mirror {{name}}',
  restarting: 'Restarting the mirror',
} as const
