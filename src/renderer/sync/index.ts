// The client sync layer's public face: the engine, its HTTP client, the status slice and the
// attachment uploader (see each module's header).
export * from './attachment-uploader';
export * from './backoff';
export * from './batch-sizer';
export * from './clock';
export * from './connectivity';
export * from './engine';
export * from './http-client';
export * from './locks';
export * from './status-slice';
export * from './sync-errors';
