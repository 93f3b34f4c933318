// The Content-Security-Policy main sends with every page of the app:// protocol. The renderer's
// index.html carries a meta policy too; a browser enforces both, so the stricter wins.
//
// Exceptions, each needed and none allowing JavaScript from anywhere but the app itself:
// - 'wasm-unsafe-eval': argon2id (hash-wasm) compiles WebAssembly from bytes at sign-in; it
//   allows WebAssembly compilation only, not eval() or inline scripts.
// - style 'unsafe-inline': React style attributes; styles cannot run code.
// - connect-src https: and loopback http: exactly the central-server addresses the settings
//   accept (src/preload/schemas.ts), so an administrator's change needs no new policy.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Parses a policy into directive → sources, for tests and for checking a policy we are sent. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}
