export type ElectronRuntime =
  | { readonly isInstalled: true; readonly executablePath: string }
  | { readonly isInstalled: false; readonly reason: string };

export declare const ELECTRON_INSTALL_HINT: string;

export declare function findElectronRuntime(): ElectronRuntime;
