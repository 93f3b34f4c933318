// The application id: electron-builder.js's appId, which Windows uses to match notifications to
// the installed shortcut. tests/unit/main/installer-config.test.ts keeps the two equal.
export const APP_ID = 'id.go.lapor.tindak';
