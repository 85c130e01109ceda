<#
.SYNOPSIS
  Registry Wizard trust bundle for Windows: trusts the private registry's CA.
.DESCRIPTION
  Checks its files against SHA256SUMS and ca.crt against the SHA-256 fingerprint in ca.crt.sha256 first, then imports it into
  Cert:\LocalMachine\Root (Docker Desktop and Windows programs read it) and writes
  C:\ProgramData\docker\certs.d\HOSTPORT\ca.crt for Docker Engine on Windows (the ':' is dropped: Windows folder
  names cannot hold it). Run from an elevated PowerShell:
    powershell -ExecutionPolicy Bypass -File .\install.ps1
    powershell -ExecutionPolicy Bypass -File .\install.ps1 -Uninstall
    powershell -ExecutionPolicy Bypass -File .\install.ps1 -DryRun -Registry 192.168.20.10:5000,registry.lan:5000
#>
param(
  [switch]$Uninstall,
  [switch]$DryRun,
  [string[]]$Registry
)
$ErrorActionPreference = 'Stop'
$bundle = Split-Path -Parent $MyInvocation.MyCommand.Path
$caFile = Join-Path $bundle 'ca.crt'

function Fail($message) { Write-Error "registry-trust: $message"; exit 1 }

# The bundle's own checksums come before anything else: every file this script uses must be listed and match.
$sumsFile = Join-Path $bundle 'SHA256SUMS'
if (-not (Test-Path -LiteralPath $sumsFile -PathType Leaf)) { Fail 'SHA256SUMS is missing beside install.ps1: the bundle is incomplete. Nothing was done.' }
$sums = @{}
foreach ($line in Get-Content -LiteralPath $sumsFile) {
  if ($line -match '^([0-9a-fA-F]{64}) [ *](.+)$') { $sums[$Matches[2]] = $Matches[1].ToUpperInvariant() }
}
foreach ($name in @('install.ps1', 'ca.crt', 'ca.crt.sha256', 'registries.txt')) {
  if (-not $sums.ContainsKey($name)) { Fail "SHA256SUMS does not list ${name}: the bundle was changed or damaged. Nothing was done." }
  $path = Join-Path $bundle $name
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { Fail "$name is missing beside install.ps1 (SHA256SUMS lists it): copy the whole bundle folder. Nothing was done." }
  $got = (Get-FileHash -LiteralPath $path -Algorithm SHA256).Hash.ToUpperInvariant()
  if ($got -ne $sums[$name]) { Fail "$name does not match SHA256SUMS (expected $($sums[$name]), got $got): the file was changed or damaged. Nothing was done." }
}

if (-not $Registry -or $Registry.Count -eq 0) {
  $Registry = Get-Content (Join-Path $bundle 'registries.txt') | Where-Object { $_ -and -not $_.StartsWith('#') } | ForEach-Object { $_.Trim() }
}
foreach ($r in $Registry) {
  # A registry name becomes a folder name: never . or .. or a path separator.
  if ($r -notmatch '^[A-Za-z0-9.:\[\]-]+$' -or $r -eq '.' -or $r -eq '..' -or $r.StartsWith('-')) { Fail "-Registry: '$r' is not valid; HOST:PORT is allowed" }
}

# The fingerprint check comes first.
$text = Get-Content -Raw $caFile
if ($text -match 'PRIVATE KEY') { Fail 'ca.crt holds a private key: refusing' }
$expected = ((Get-Content (Join-Path $bundle 'ca.crt.sha256') | Select-String '^SHA256 Fingerprint=').Line -replace '^SHA256 Fingerprint=', '' -replace ':', '').ToUpperInvariant()
$cert = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList $caFile
$sha = [System.Security.Cryptography.SHA256]::Create()
$actual = -join ($sha.ComputeHash($cert.RawData) | ForEach-Object { $_.ToString('X2') })
if ($actual -ne $expected) { Fail "ca.crt does not match its fingerprint ($expected): the file was changed or damaged. Nothing was done." }
Write-Output "ca.crt fingerprint OK (SHA-256 $expected)"

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $DryRun -and -not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  Fail 'run from an elevated PowerShell (Run as administrator)'
}

$storePath = "Cert:\LocalMachine\Root\$($cert.Thumbprint)"
foreach ($r in $Registry) {
  $dir = Join-Path 'C:\ProgramData\docker\certs.d' ($r -replace ':', '')
  $dest = Join-Path $dir 'ca.crt'
  $same = (Test-Path $dest) -and ((Get-FileHash $dest).Hash -eq (Get-FileHash $caFile).Hash)
  if (-not $Uninstall) {
    if ($same) { Write-Output "  already in place: $dest"; continue }
    if (Test-Path $dest) { Fail "$dest exists with different content; left unchanged" }
    if ($DryRun) { Write-Output "  would write: $dest"; continue }
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    Copy-Item $caFile $dest
    Write-Output "  wrote: $dest"
  } elseif ($same) {
    if ($DryRun) { Write-Output "  would remove: $dest"; continue }
    Remove-Item $dest
    if (-not (Get-ChildItem $dir)) { Remove-Item $dir }
    Write-Output "  removed: $dest"
  }
}

$trusted = Test-Path $storePath
if (-not $Uninstall) {
  if ($trusted) { Write-Output "  already trusted: $storePath" }
  elseif ($DryRun) { Write-Output "  would import into Cert:\LocalMachine\Root (thumbprint $($cert.Thumbprint))" }
  else {
    Import-Certificate -FilePath $caFile -CertStoreLocation Cert:\LocalMachine\Root | Out-Null
    Write-Output "  imported into Cert:\LocalMachine\Root (thumbprint $($cert.Thumbprint))"
    Write-Output 'note: restart Docker (Restart-Service docker, or restart Docker Desktop) so it sees the new root'
  }
} elseif ($trusted) {
  if ($DryRun) { Write-Output "  would remove $storePath" }
  else { Remove-Item -Path $storePath; Write-Output "  removed $storePath"; Write-Output 'note: restart Docker' }
}
Write-Output "registry-trust: $(if ($Uninstall) { 'uninstall' } else { 'install' }) finished"
