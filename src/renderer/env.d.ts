// Compile-time constants replaced by Vite (rendererDefine in scripts/renderer-vite.ts).
declare const __TINDAK_VERSION__: string;
