export { listRemovableDrives, pickRemovableDrives, parentDisk, type DriveSource, type RemovableDrive } from './list-drives'
export { copyBundleToMount, driveError, type CopiedBundle } from './copy-bundle'
