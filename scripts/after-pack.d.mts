import type { FuseV1Config } from '@electron/fuses';

export type BuildFlavour = 'release' | 'test';

/** The part of electron-builder's AfterPackContext the hook uses. */
export interface AfterPackContextLike {
  readonly packager: {
    addElectronFuses(context: AfterPackContextLike, fuses: FuseV1Config): Promise<unknown>;
  };
}

export declare const FUSES: Readonly<Record<BuildFlavour, FuseV1Config>>;

export declare function afterPackFor(flavour: BuildFlavour): (context: AfterPackContextLike) => Promise<void>;
