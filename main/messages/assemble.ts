import type * as EnSections from './en/sections'

/** What a language's sections provide: the English section names (each language has exactly these). */
type Sections = { readonly [K in keyof typeof EnSections]: object }

/**
 * One language's catalogue from its section files, the same for every language: the top-level keys are i18next
 * namespaces.
 *   error    error codes: { message, hint } (front-end neutral words; fields named as in the request types)
 *   cliHint  the CLI's own hint for a code (names --flags and commands); wins over error.CODE.hint in the CLI
 *   guiHint  the GUI's own hint for a code (names steps and controls); wins over error.CODE.hint in the GUI
 *   cli      what CLI commands print (help, results, notes), by area
 *   gui      the renderer's screens (i18next's default namespace there)
 * and the domain's words by area (trust, docker, pki, verify, explain, preflight, progress, lint, menu, ...).
 * A new section: add its file to en/ and zh-CN/, export it from both sections.ts, and spread it in here.
 */
export function assemble<S extends Sections>(s: S) {
  return {
    error: errorsOf(s),
    cliHint: cliHintsOf(s),
    guiHint: guiHintsOf(s),
    cli: {
      common: s.commonCli,
      docker: s.dockerCli,
      jobs: s.jobsCli,
      verify: s.verifyCli,
      pki: s.pkiCli,
      trust: s.trustCli,
      trustMirror: s.trustMirrorCli,
      images: s.imagesUiCli,
      mirror: s.mirrorCli,
      manage: s.manageCli,
      lifecycle: s.lifecycleCli,
      plan: s.planCli,
      k8s: s.k8sCli,
      swarm: s.swarmCli,
    },
    gui: guiOf(s),
    trust: { ...(s.trustTexts as S['trustTexts']), mirror: s.trustMirrorTexts },
    fs: s.fsTexts,
    docker: s.docker,
    preflight: s.dockerPreflight,
    progress: {
      ...(s.jobsProgress as S['jobsProgress']),
      registry: s.dockerProgress,
      images: s.imagesProgress,
      imagesExport: s.imagesExportProgress,
      mirror: s.mirrorProgress,
      ...(s.manageProgress as S['manageProgress']),
      ...(s.lifecycleProgress as S['lifecycleProgress']),
      ...(s.planProgress as S['planProgress']),
      ...(s.swarmProgress as S['swarmProgress']),
    },
    verify: { ...(s.verifyTexts as S['verifyTexts']), mirror: s.mirrorVerify },
    explain: { ...(s.explainTexts as S['explainTexts']), ...(s.mirrorExplain as S['mirrorExplain']) },
    request: s.requestTexts,
    pki: s.pkiTexts,
    lint: s.lintTexts,
    menu: { ...(s.appMenu as S['appMenu']), plan: s.planUiMenu },
    input: s.appInput,
    images: s.imagesTexts,
    mirror: s.mirrorTexts,
    manage: s.manageTexts,
    lifecycle: s.lifecycleTexts,
    plan: s.planTexts,
    k8s: s.k8sTexts,
    swarm: s.swarmTexts,
  }
}

function errorsOf<S extends Sections>(s: S) {
  return {
    ...(s.commonErrors as S['commonErrors']),
    ...(s.dockerErrors as S['dockerErrors']),
    ...(s.jobsErrors as S['jobsErrors']),
    ...(s.pkiErrors as S['pkiErrors']),
    ...(s.appErrors as S['appErrors']),
    ...(s.trustErrors as S['trustErrors']),
    ...(s.trustMirrorErrors as S['trustMirrorErrors']),
    ...(s.fsErrors as S['fsErrors']),
    ...(s.registryApiErrors as S['registryApiErrors']),
    ...(s.imagesErrors as S['imagesErrors']),
    ...(s.imagesExportErrors as S['imagesExportErrors']),
    ...(s.imagesUiErrors as S['imagesUiErrors']),
    ...(s.mirrorErrors as S['mirrorErrors']),
    ...(s.manageErrors as S['manageErrors']),
    ...(s.lifecycleErrors as S['lifecycleErrors']),
    ...(s.planErrors as S['planErrors']),
    ...(s.lifecycleUiErrors as S['lifecycleUiErrors']),
    ...(s.manageUiErrors as S['manageUiErrors']),
    ...(s.k8sErrors as S['k8sErrors']),
    ...(s.swarmErrors as S['swarmErrors']),
    ...(s.k8sUiErrors as S['k8sUiErrors']),
  }
}

function cliHintsOf<S extends Sections>(s: S) {
  return {
    ...(s.commonCliHints as S['commonCliHints']),
    ...(s.dockerCliHints as S['dockerCliHints']),
    ...(s.jobsCliHints as S['jobsCliHints']),
    ...(s.pkiCliHints as S['pkiCliHints']),
    ...(s.trustCliHints as S['trustCliHints']),
    ...(s.trustMirrorCliHints as S['trustMirrorCliHints']),
    ...(s.imagesExportCliHints as S['imagesExportCliHints']),
    ...(s.imagesUiCliHints as S['imagesUiCliHints']),
    ...(s.mirrorCliHints as S['mirrorCliHints']),
    ...(s.manageCliHints as S['manageCliHints']),
    ...(s.lifecycleCliHints as S['lifecycleCliHints']),
    ...(s.planCliHints as S['planCliHints']),
    ...(s.k8sCliHints as S['k8sCliHints']),
    ...(s.swarmCliHints as S['swarmCliHints']),
  }
}

function guiHintsOf<S extends Sections>(s: S) {
  return {
    ...(s.commonGuiHints as S['commonGuiHints']),
    ...(s.dockerGuiHints as S['dockerGuiHints']),
    ...(s.jobsGuiHints as S['jobsGuiHints']),
    ...(s.pkiGuiHints as S['pkiGuiHints']),
    ...(s.trustGuiHints as S['trustGuiHints']),
    ...(s.trustMirrorGuiHints as S['trustMirrorGuiHints']),
    ...(s.imagesExportGuiHints as S['imagesExportGuiHints']),
    ...(s.imagesUiGuiHints as S['imagesUiGuiHints']),
    ...(s.mirrorGuiHints as S['mirrorGuiHints']),
    ...(s.manageGuiHints as S['manageGuiHints']),
    ...(s.lifecycleGuiHints as S['lifecycleGuiHints']),
    ...(s.planGuiHints as S['planGuiHints']),
    ...(s.lifecycleUiGuiHints as S['lifecycleUiGuiHints']),
    ...(s.manageUiGuiHints as S['manageUiGuiHints']),
    ...(s.k8sGuiHints as S['k8sGuiHints']),
    ...(s.swarmGuiHints as S['swarmGuiHints']),
    ...(s.k8sUiGuiHints as S['k8sUiGuiHints']),
  }
}

function guiOf<S extends Sections>(s: S) {
  return {
    ...(s.gui as S['gui']),
    lifecycle: s.jobsGui,
    images: s.imagesUiGui,
    trustMirror: s.trustMirrorGui,
    mirror: s.mirrorGui,
    expiry: s.lifecycleGui,
    planFile: s.planUiGui,
    caRenewal: s.caRenewalGui,
    homeMirror: s.homeMirrorGui,
    contents: s.manageUiGui,
    keys: s.pkiGui,
    k8s: s.k8sUiGui,
    swarm: s.swarmUiGui,
  }
}
